import type { PauseInterval } from './business-hours.js';
import { dueFor, policyFor, type SlaRules } from './sla.js';

/** What the summary needs to know about each message of a conversation. */
export interface MessageFacts {
  id: number;
  direction: 'inbound' | 'outbound';
  created_at: number;
  sentiment: 'negative' | 'neutral' | 'positive' | null;
  priority: number | null;
  /** The triaged intent (SLA policies can match on it). */
  intent: string | null;
  contact_id: number | null;
  /** The text, or at least its first 300 characters; the summary previews the last message's (previewOf). */
  preview: string;
  /** Whether the channel refused it for good: a failed reply answers nobody (see summarizeConversation). */
  delivery_status: string;
}

/** Whether a message counts in the conversation's story: everything but a reply whose send failed. */
function counts(m: MessageFacts): boolean {
  return !(m.direction === 'outbound' && m.delivery_status === 'failed');
}

/**
 * Whether a message answers the customer: an outbound one the channel accepted (sent, or stored
 * from the channel itself). A reply still queued, being sent or retried answers nobody yet.
 */
function answers(m: MessageFacts): boolean {
  return m.direction === 'outbound' && (m.delivery_status === 'sent' || m.delivery_status === 'received');
}

/** How a conversation's clock runs: the install's SLA rules and this conversation's own facts. */
export interface SummaryClock {
  rules: SlaRules;
  channel: string;
  /**
   * Whether live timers run. They do not for imported history and for conversations whose channel
   * cannot reply: no due times, so nothing of theirs breaches.
   */
  running: boolean;
  /** Imported history (kept with the summary; ranks below everything live that waits). */
  history: boolean;
  /** Snoozes: the clock stands still during them. */
  pauses: PauseInterval[];
}

/** The denormalised fields a conversation row carries so the inbox never scans messages. */
export interface ConversationSummary {
  contact_id: number | null;
  first_inbound_at: number | null;
  first_response_at: number | null;
  first_response_due_at: number | null;
  waiting_since: number | null;
  reply_due_at: number | null;
  /** When the conversation should be resolved by (its first message's policy), if it has such a target. */
  resolution_due_at: number | null;
  /** 1 for imported history (no live timers), as the summary was computed. */
  sla_history: number;
  /** The snoozes the due times were computed with (JSON of [from, to] pairs), null when none. */
  sla_pauses_json: string | null;
  sentiment: 'negative' | 'neutral' | 'positive' | null;
  priority: number;
  last_message_at: number;
  last_message_preview: string;
  last_message_direction: 'inbound' | 'outbound';
  message_count: number;
}

const severity = { negative: 3, neutral: 2, positive: 1 } as const;

function byTime(a: MessageFacts, b: MessageFacts) {
  return a.created_at - b.created_at || a.id - b.id;
}

/**
 * Derives a conversation's summary from all its messages. A pure function of the message set, so
 * the result is the same whatever order the messages arrived in (imports, merges, late parents).
 * First response = the first accepted outbound message at or after the earliest inbound one; the
 * due time is the earliest due time (first-response target of each message's policy) among inbound
 * messages before that response; later waiting messages get the next-response target. A reply
 * whose send failed, or that the channel has not accepted yet, is no response: the customer is
 * still waiting, with the due time they had.
 */
export function summarizeConversation(messages: MessageFacts[], clock: SummaryClock): ConversationSummary {
  if (messages.length === 0) throw new Error('a conversation has at least one message');
  const kept = messages.filter(counts);
  const sorted = [...(kept.length > 0 ? kept : messages)].sort(byTime);
  const inbound = sorted.filter((m) => m.direction === 'inbound');
  const firstInbound = inbound[0] ?? null;
  const firstResponse = firstInbound
    ? (sorted.find((m) => answers(m) && m.created_at >= firstInbound.created_at) ?? null)
    : null;
  const policyOf = (m: MessageFacts) =>
    policyFor(clock.rules, {
      channel: clock.channel,
      sentiment: m.sentiment,
      intent: m.intent,
      priority: m.priority,
    }).targets;
  const due = (m: MessageFacts, kind: 'first' | 'next' | 'resolution') =>
    clock.running ? dueFor(policyOf(m), kind, m.created_at, clock.pauses) : null;
  const earliest = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));

  let firstDue: number | null = null;
  for (const m of inbound) {
    if (firstResponse && m.created_at > firstResponse.created_at) break;
    firstDue = earliest(firstDue, due(m, 'first'));
  }

  let lastAnswerAt = Number.NEGATIVE_INFINITY;
  for (const m of sorted) if (answers(m)) lastAnswerAt = m.created_at;
  const waiting = inbound.filter((m) => m.created_at > lastAnswerAt);

  let replyDue: number | null = null;
  for (const m of waiting) replyDue = earliest(replyDue, due(m, firstResponse ? 'next' : 'first'));

  const latestInbound = inbound[inbound.length - 1] ?? null;
  let sentiment: ConversationSummary['sentiment'] = latestInbound?.sentiment ?? null;
  let priority = 0;
  if (waiting.length > 0) {
    for (const m of waiting) {
      if (m.sentiment && (!sentiment || severity[m.sentiment] > severity[sentiment])) sentiment = m.sentiment;
      priority = Math.max(priority, m.priority ?? 0);
    }
  } else if (latestInbound) {
    // answered: keep it visible but below everyone still waiting
    priority = Math.floor((latestInbound.priority ?? 0) / 4);
  }
  // imported history waits too, but below anyone waiting now: it never outranks today's messages
  if (clock.history && waiting.length > 0) priority = Math.floor(priority / 4);

  const last = sorted[sorted.length - 1]!;
  return {
    contact_id: firstInbound?.contact_id ?? null,
    first_inbound_at: firstInbound?.created_at ?? null,
    first_response_at: firstResponse?.created_at ?? null,
    first_response_due_at: firstDue,
    waiting_since: waiting[0]?.created_at ?? null,
    reply_due_at: replyDue,
    resolution_due_at: firstInbound ? due(firstInbound, 'resolution') : null,
    sla_history: clock.history ? 1 : 0,
    sla_pauses_json: clock.pauses.length > 0 ? JSON.stringify(clock.pauses) : null,
    sentiment,
    priority,
    last_message_at: last.created_at,
    last_message_preview: previewOf(last.preview),
    last_message_direction: last.direction,
    message_count: messages.length,
  };
}

/** The inbox preview of a message: its first 200 characters, whitespace collapsed. */
export function previewOf(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/**
 * How an import of history leaves the conversations it writes, so a team importing its past does
 * not find every old thread open in the inbox: `all` resolves them; `answered` resolves those where
 * the brand had the last word and keeps the rest open (the customer is still waiting).
 */
export type HistoryResolve = 'all' | 'answered';

/** The status a conversation with this summary gets from an import that resolves history. */
export function historyStatus(mode: HistoryResolve, summary: ConversationSummary): 'open' | 'resolved' {
  if (mode === 'all') return 'resolved';
  return summary.last_message_direction === 'outbound' ? 'resolved' : 'open';
}
