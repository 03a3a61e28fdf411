import type { Kysely } from 'kysely';
import type { ConversationMessageFacts, RecordedAction } from '../domain/today.js';
import { chunk } from './chunks.js';
import type { Database } from './schema.js';

/** Occasions of live contacts whose month is this one or one of the next two (the caller decides what is due). */
export async function upcomingOccasions(db: Kysely<Database>, now: number) {
  const d = new Date(now);
  const months = [0, 1, 2].map((k) => ((d.getUTCMonth() + k) % 12) + 1);
  return db
    .selectFrom('contact_occasions as o')
    .innerJoin('contacts as c', 'c.id', 'o.contact_id')
    .select([
      'o.id',
      'o.contact_id',
      'o.kind',
      'o.label',
      'o.month',
      'o.day',
      'o.year',
      'o.remind_days_before',
    ])
    .where('c.merged_into', 'is', null)
    .where('o.month', 'in', months)
    .execute();
}

/**
 * The conversations of live contacts with a message since `since`, each with its messages as Today
 * reads them (text only for the team's replies).
 */
export async function recentConversationFacts(db: Kysely<Database>, since: number) {
  const conversations = await db
    .selectFrom('conversations as c')
    .innerJoin('contacts as p', 'p.id', 'c.contact_id')
    .select(['c.id', 'c.contact_id'])
    .where('c.last_message_at', '>=', since)
    .where('p.merged_into', 'is', null)
    .execute();
  const messages = new Map<number, ConversationMessageFacts[]>();
  for (const part of chunk(conversations.map((c) => c.id))) {
    const rows = await db
      .selectFrom('messages')
      .select([
        'id',
        'conversation_id',
        'direction',
        'created_at',
        'intent',
        'sentiment',
        'text',
        'delivery_status',
      ])
      .where('conversation_id', 'in', part)
      .execute();
    for (const r of rows) {
      const list = messages.get(r.conversation_id) ?? [];
      list.push({
        id: r.id,
        direction: r.direction,
        createdAt: r.created_at,
        intent: r.intent,
        sentiment: r.sentiment,
        text: r.direction === 'outbound' ? r.text : null,
        failed: r.delivery_status === 'failed',
      });
      messages.set(r.conversation_id, list);
    }
  }
  return conversations.map((c) => ({
    id: c.id,
    contactId: c.contact_id!,
    messages: messages.get(c.id) ?? [],
  }));
}

/**
 * Advocates (lifecycle advocate or journey advocacy) whose last contact, a message either way or a
 * logged interaction, is before `quietSince`; with that time.
 */
export async function quietAdvocates(db: Kysely<Database>, quietSince: number) {
  const rows = await db
    .selectFrom('contacts as c')
    .select((eb) => [
      'c.id',
      eb
        .selectFrom('conversations as v')
        .select((e) => e.fn.max('v.last_message_at').as('m'))
        .whereRef('v.contact_id', '=', 'c.id')
        .as('last_message_at'),
      eb
        .selectFrom('contact_interactions as i')
        .select((e) => e.fn.max('i.at').as('m'))
        .whereRef('i.contact_id', '=', 'c.id')
        .as('last_interaction_at'),
    ])
    .where('c.merged_into', 'is', null)
    .where((eb) => eb.or([eb('c.lifecycle', '=', 'advocate'), eb('c.journey_stage', '=', 'advocacy')]))
    .execute();
  return rows
    .map((r) => ({
      contactId: r.id,
      lastContactAt: Math.max(Number(r.last_message_at ?? 0), Number(r.last_interaction_at ?? 0)) || null,
    }))
    .filter((r) => r.lastContactAt === null || r.lastContactAt < quietSince);
}

/** What the team did with these suggestions. */
export async function recordedActions(db: Kysely<Database>, keys: string[]): Promise<RecordedAction[]> {
  const out: RecordedAction[] = [];
  for (const part of chunk(keys)) {
    const rows = await db
      .selectFrom('today_actions')
      .select(['item_key', 'action', 'until'])
      .where('item_key', 'in', part)
      .execute();
    for (const r of rows) out.push({ key: r.item_key, action: r.action, until: r.until });
  }
  return out;
}

/** Suggestions acted on for good (done, dismissed) since `since`: they count against the day's limit. */
export async function actedSince(db: Kysely<Database>, since: number): Promise<number> {
  const row = await db
    .selectFrom('today_actions')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('at', '>=', since)
    .where('action', 'in', ['done', 'dismissed'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Records (or replaces) what the team did with a suggestion. */
export async function recordTodayAction(
  db: Kysely<Database>,
  input: {
    key: string;
    contactId: number;
    action: RecordedAction['action'];
    until: number | null;
    userId: number | null;
    now: number;
  },
) {
  await db
    .insertInto('today_actions')
    .values({
      item_key: input.key,
      contact_id: input.contactId,
      action: input.action,
      until: input.until,
      user_id: input.userId,
      at: input.now,
    })
    .onConflict((oc) =>
      oc
        .column('item_key')
        .doUpdateSet({ action: input.action, until: input.until, user_id: input.userId, at: input.now }),
    )
    .execute();
}

/** Name, opt-out and the channel of the latest conversation of these contacts. */
export async function todayPeople(db: Kysely<Database>, contactIds: number[]) {
  const out = new Map<
    number,
    {
      name: string | null;
      preferredName: string | null;
      optedOut: boolean;
      channel: string | null;
      conversationId: number | null;
    }
  >();
  for (const part of chunk([...new Set(contactIds)])) {
    const rows = await db
      .selectFrom('contacts as c')
      .select((eb) => [
        'c.id',
        'c.name',
        'c.preferred_name',
        'c.opted_out',
        eb
          .selectFrom('conversations as v')
          .select('v.channel')
          .whereRef('v.contact_id', '=', 'c.id')
          .orderBy('v.last_message_at', 'desc')
          .limit(1)
          .as('channel'),
        eb
          .selectFrom('conversations as v')
          .select('v.id')
          .whereRef('v.contact_id', '=', 'c.id')
          .orderBy('v.last_message_at', 'desc')
          .limit(1)
          .as('conversation_id'),
      ])
      .where('c.id', 'in', part)
      .execute();
    for (const r of rows) {
      out.set(r.id, {
        name: r.name,
        preferredName: r.preferred_name,
        optedOut: r.opted_out === 1,
        channel: r.channel,
        conversationId: r.conversation_id ?? null,
      });
    }
  }
  return out;
}
