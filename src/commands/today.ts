import { type ChurnReason, reasonsKey } from '../domain/people-scores.js';
import {
  contactOfKey,
  conversationSuggestions,
  DAY_MS,
  occasionDue,
  QUIET_ADVOCATE_DAYS,
  rankToday,
  type TodayAction,
  type TodayCandidate,
} from '../domain/today.js';
import { NotFoundError, ValidationError } from '../platform/errors.js';
import { contactsAtRisk } from '../store/contact-scores-repo.js';
import { getContactRow } from '../store/contacts-read-repo.js';
import {
  actedSince,
  quietAdvocates,
  recentConversationFacts,
  recordedActions,
  recordTodayAction,
  todayPeople,
  upcomingOccasions,
} from '../store/today-repo.js';
import type { CommandActor } from './actor.js';
import type { Services } from './services.js';

/** How far back Today looks for promises and complaints. */
const LOOKBACK_MS = 30 * DAY_MS;

/** One suggestion as the API shows it: whom, why, and where to write to them. */
export interface TodayItem extends TodayCandidate {
  contact: { id: number; name: string | null; preferredName: string | null };
  /** The channel of the person's latest conversation: where a personal message would go. */
  channel: string | null;
  /** That conversation (the suggestion's own, if it has one, is `conversationId`). */
  latestConversationId: number | null;
}

function occasionReason(
  o: { kind: string; label: string | null; year: number | null },
  inDays: number,
  year: number,
) {
  const when = inDays === 0 ? 'today' : inDays === 1 ? 'tomorrow' : `in ${inDays} days`;
  if (o.kind === 'birthday') return `Birthday ${when}`;
  if (o.kind === 'customer_since' && o.year) {
    const years = year - o.year;
    return `${years} year${years === 1 ? '' : 's'} a customer ${when}`;
  }
  return `${o.label ?? 'A date that matters'} ${when}`;
}

/** Everything that could be suggested now, before ranking. */
async function candidates(services: Services, now: number): Promise<TodayCandidate[]> {
  const db = services.db.kysely;
  const out: TodayCandidate[] = [];
  for (const o of await upcomingOccasions(db, now)) {
    const due = occasionDue({ month: o.month, day: o.day, remindDaysBefore: o.remind_days_before }, now);
    if (!due) continue;
    out.push({
      key: `occasion:${o.contact_id}:${o.id}-${due.year}`,
      kind: 'occasion',
      contactId: o.contact_id,
      reason: occasionReason(o, due.inDays, due.year),
      score: 80 - due.inDays * 3,
      conversationId: null,
      messageId: null,
      proactive: true,
    });
  }
  for (const c of await recentConversationFacts(db, now - LOOKBACK_MS)) {
    out.push(...conversationSuggestions(c, c.messages, now));
  }
  for (const a of await quietAdvocates(db, now - QUIET_ADVOCATE_DAYS * DAY_MS)) {
    const days = a.lastContactAt === null ? null : Math.floor((now - a.lastContactAt) / DAY_MS);
    out.push({
      key: `quiet_advocate:${a.contactId}:${a.lastContactAt ?? 0}`,
      kind: 'quiet_advocate',
      contactId: a.contactId,
      reason:
        days === null
          ? 'An advocate the team has never written to: a note just because'
          : `An advocate, last in touch ${days} days ago: a note just because`,
      score: 50 + Math.min(Math.floor((days ?? 365) / 30), 12),
      conversationId: null,
      messageId: null,
      proactive: true,
    });
  }
  for (const r of await contactsAtRisk(db)) {
    out.push({
      key: `churn_risk:${r.contactId}:${reasonsKey(r.reasons)}`,
      kind: 'churn_risk',
      contactId: r.contactId,
      reason: `At risk of leaving: ${r.reasons.map((x) => churnReasonText[x]).join(', ')}`,
      score: 60 + r.reasons.length * 5,
      conversationId: null,
      messageId: null,
      proactive: true,
    });
  }
  return out;
}

const churnReasonText: Record<ChurnReason, string> = {
  churn_intent: 'said they may leave',
  repeated_negatives: 'repeated negative messages',
  complaint_breached: 'a complaint missed its due time',
  complaint_unresolved: 'a complaint is still unresolved',
  falling_sentiment: 'their mood is falling',
};

/**
 * Today: whom to reach out to and why (occasions coming up, unkept promises, answered complaints
 * to check on, quiet advocates, contacts at risk of leaving), ranked, one per person, never repeating what was done or
 * dismissed, without opted-out people, and no more a day than RAPPORT_TODAY_LIMIT.
 */
export async function listToday(
  services: Services,
): Promise<{ items: TodayItem[]; limit: number; remaining: number }> {
  const db = services.db.kysely;
  const now = services.clock.now();
  const startOfDay = now - (now % DAY_MS);
  const all = await candidates(services, now);
  const people = await todayPeople(
    db,
    all.map((c) => c.contactId),
  );
  const limit = services.config.RAPPORT_TODAY_LIMIT;
  const remaining = Math.max(0, limit - (await actedSince(db, startOfDay)));
  const ranked = rankToday(all, {
    actions: await recordedActions(
      db,
      all.map((c) => c.key),
    ),
    optedOut: new Set([...people].filter(([, p]) => p.optedOut).map(([id]) => id)),
    now,
    remaining,
  });
  return {
    limit,
    remaining,
    items: ranked.map((c) => {
      const p = people.get(c.contactId);
      return {
        ...c,
        contact: { id: c.contactId, name: p?.name ?? null, preferredName: p?.preferredName ?? null },
        channel: p?.channel ?? null,
        latestConversationId: p?.conversationId ?? null,
      };
    }),
  };
}

/** Records what the team did with a suggestion: done and dismiss for good, snooze until a time (default a day). */
export async function actOnToday(
  services: Services,
  actor: CommandActor,
  input: { key: string; action: TodayAction; until?: number },
): Promise<void> {
  const contactId = contactOfKey(input.key);
  if (contactId === null) throw new ValidationError('not a Today suggestion key');
  const contact = await getContactRow(services.db.kysely, contactId).catch(() => null);
  if (!contact) throw new NotFoundError(`contact ${contactId}`);
  const now = services.clock.now();
  const action = input.action === 'dismiss' ? 'dismissed' : input.action === 'snooze' ? 'snoozed' : 'done';
  await recordTodayAction(services.db.kysely, {
    key: input.key,
    contactId,
    action,
    until: action === 'snoozed' ? (input.until ?? now + DAY_MS) : null,
    userId: actor.userId,
    now,
  });
}
