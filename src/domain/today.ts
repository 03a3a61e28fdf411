/**
 * Today: whom the team should reach out to, and why. Pure: the store gathers the facts, these
 * functions decide what is due, how it ranks and what the team already acted on.
 */

export const DAY_MS = 86_400_000;

/** The kinds of suggestion Today makes. */
export const todayKinds = [
  'occasion',
  'commitment',
  'complaint_checkin',
  'quiet_advocate',
  'churn_risk',
] as const;
export type TodayKind = (typeof todayKinds)[number];

/** What the team can do with a suggestion. */
export const todayActions = ['done', 'snooze', 'dismiss'] as const;
export type TodayAction = (typeof todayActions)[number];

/** A commitment counts as unkept when nothing was sent for this long after it. */
export const COMMITMENT_GRACE_MS = DAY_MS;
/** An answered complaint is worth a check-in this many days after the answer (up to CHECKIN_UNTIL_DAYS). */
export const CHECKIN_AFTER_DAYS = 3;
export const CHECKIN_UNTIL_DAYS = 10;
/** An advocate not contacted for this long gets a "just because". */
export const QUIET_ADVOCATE_DAYS = 60;

const COMMITMENT_CUES = [
  /\b(?:i|we)(?:'ll| will| shall)\s+(?:get back to you|follow up|circle back|let you know|keep you (?:posted|updated)|update you|be in touch|reach out)\b/i,
  /\b(?:i|we)(?:'ll| will)\s+(?:check|look into|find out|ask|confirm|see what)\b[^.!?\n]*\b(?:get back|let you know|update you|follow up|back to you)\b/i,
  /\b(?:i|we)(?:'ll| will)\s+(?:check|look into|find out|ask)\b[^.!?\n]*\band\s+(?:get back|come back|let you know)/i,
  /\blet me (?:check|find out|look into)\b[^.!?\n]*\b(?:get back|let you know|come back)\b/i,
];

/**
 * The promise a reply makes to come back to the person ("I'll check with the store and get back
 * to you"), as the sentence that says it, or null when it makes none.
 */
export function detectCommitment(text: string): string | null {
  for (const sentence of text.split(/(?<=[.!?])\s+|\n+/)) {
    if (COMMITMENT_CUES.some((cue) => cue.test(sentence))) return sentence.trim().slice(0, 200);
  }
  return null;
}

/** A yearly date as stored. */
export interface OccasionFacts {
  month: number;
  day: number;
  remindDaysBefore: number;
}

/**
 * The next time a yearly date comes (today counts), as days from `now` and its year, in UTC; a
 * 29 February falls on 28 February in other years.
 */
export function nextOccurrence(
  o: { month: number; day: number },
  now: number,
): { inDays: number; year: number } {
  const today = new Date(now);
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  for (const year of [today.getUTCFullYear(), today.getUTCFullYear() + 1]) {
    const last = new Date(Date.UTC(year, o.month, 0)).getUTCDate();
    const at = Date.UTC(year, o.month - 1, Math.min(o.day, last));
    if (at >= start) return { inDays: Math.round((at - start) / DAY_MS), year };
  }
  throw new Error('unreachable: a date comes within a year');
}

/** Whether an occasion's reminder is due now: it comes within its reminder days. */
export function occasionDue(o: OccasionFacts, now: number): { inDays: number; year: number } | null {
  const next = nextOccurrence(o, now);
  return next.inDays <= o.remindDaysBefore ? next : null;
}

/** One suggestion before ranking. */
export interface TodayCandidate {
  /** Stable across days for the same reason: what an action is recorded against. */
  key: string;
  kind: TodayKind;
  contactId: number;
  reason: string;
  /** Higher first. */
  score: number;
  conversationId: number | null;
  messageId: number | null;
  /** Whether a contact's opt-out hides it (promises the team made are kept regardless). */
  proactive: boolean;
}

/** What the team did with a suggestion. */
export interface RecordedAction {
  key: string;
  action: 'done' | 'dismissed' | 'snoozed';
  until: number | null;
}

/**
 * The day's list: candidates not acted on (done and dismissed ones never come back; snoozed ones
 * after their time), without opted-out people's proactive ones, best first, one per person, and no
 * more than what is left of the day's limit.
 */
export function rankToday(
  candidates: TodayCandidate[],
  input: { actions: RecordedAction[]; optedOut: Set<number>; now: number; remaining: number },
): TodayCandidate[] {
  const acted = new Map(input.actions.map((a) => [a.key, a]));
  const open = candidates.filter((c) => {
    if (c.proactive && input.optedOut.has(c.contactId)) return false;
    const a = acted.get(c.key);
    if (!a) return true;
    return a.action === 'snoozed' && a.until !== null && a.until <= input.now;
  });
  open.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
  const seen = new Set<number>();
  const out: TodayCandidate[] = [];
  for (const c of open) {
    if (out.length >= Math.max(0, input.remaining)) break;
    if (seen.has(c.contactId)) continue;
    seen.add(c.contactId);
    out.push(c);
  }
  return out;
}

/** The contact a suggestion key names (keys are `kind:contactId:ref`), or null for a malformed key. */
export function contactOfKey(key: string): number | null {
  const m =
    /^(occasion|commitment|complaint_checkin|quiet_advocate|churn_risk):(\d{1,15}):[\w.-]{1,60}$/.exec(key);
  return m ? Number(m[2]) : null;
}

/** The journey stages a person's words suggest, from the latest message's intent and text. */
export function suggestJourney(
  messages: { intent: string | null; text: string; direction: 'inbound' | 'outbound' }[],
): 'research' | 'decision' | 'advocacy' | null {
  for (const m of [...messages].reverse()) {
    if (m.direction !== 'inbound') continue;
    if (m.intent === 'purchase_intent' || /\b(?:buy|order|purchase|sign(?:ing)? up)\b/i.test(m.text))
      return 'decision';
    if (m.intent === 'praise' || /\b(?:recommend(?:ed)?|love (?:it|this|you)|best .* ever)\b/i.test(m.text))
      return 'advocacy';
    if (/\b(?:price|pricing|cost|how much|discount|compare|vs\.?)\b/i.test(m.text)) return 'research';
  }
  return null;
}

/** A message of a conversation, as Today reads it (text only for the team's replies). */
export interface ConversationMessageFacts {
  id: number;
  direction: 'inbound' | 'outbound';
  createdAt: number;
  intent: string | null;
  sentiment: string | null;
  text: string | null;
  failed: boolean;
}

/**
 * What one conversation of a person asks of the team today: an unkept promise (the team's latest
 * reply promises to come back, nothing was sent since, and a day has passed) and a check-in after
 * an answered complaint (the person complained or was upset, the team answered, nobody wrote since,
 * and the answer is 3 to 10 days old).
 */
export function conversationSuggestions(
  conversation: { id: number; contactId: number },
  messages: ConversationMessageFacts[],
  now: number,
): TodayCandidate[] {
  const sorted = messages.filter((m) => !m.failed).sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
  const out: TodayCandidate[] = [];
  const lastOut = sorted.filter((m) => m.direction === 'outbound').at(-1);
  const promise = lastOut?.text ? detectCommitment(lastOut.text) : null;
  if (lastOut && promise && now - lastOut.createdAt >= COMMITMENT_GRACE_MS) {
    const days = Math.floor((now - lastOut.createdAt) / DAY_MS);
    out.push({
      key: `commitment:${conversation.contactId}:${lastOut.id}`,
      kind: 'commitment',
      contactId: conversation.contactId,
      reason: `Promised ${days} day${days === 1 ? '' : 's'} ago, nothing sent since: "${promise}"`,
      score: 90 + Math.min(days, 9),
      conversationId: conversation.id,
      messageId: lastOut.id,
      proactive: false,
    });
  }
  const last = sorted.at(-1);
  const complaint = sorted.find(
    (m) => m.direction === 'inbound' && (m.intent === 'complaint' || m.sentiment === 'negative'),
  );
  if (complaint && last && last.direction === 'outbound' && last.createdAt > complaint.createdAt) {
    const days = Math.floor((now - last.createdAt) / DAY_MS);
    if (days >= CHECKIN_AFTER_DAYS && days <= CHECKIN_UNTIL_DAYS) {
      out.push({
        key: `complaint_checkin:${conversation.contactId}:${conversation.id}`,
        kind: 'complaint_checkin',
        contactId: conversation.contactId,
        reason: `Complained and was answered ${days} days ago: check that all is well now`,
        score: 70 + Math.min(days, 9),
        conversationId: conversation.id,
        messageId: last.id,
        proactive: true,
      });
    }
  }
  return out;
}
