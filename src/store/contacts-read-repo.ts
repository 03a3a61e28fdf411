import { type Kysely, sql } from 'kysely';
import { ADVOCATE_THRESHOLD } from '../domain/people-scores.js';
import { NotFoundError } from '../platform/errors.js';
import { listContactMerges } from './contact-merges-repo.js';
import { scoresOf } from './contact-scores-repo.js';
import type { Database } from './schema.js';

/** Filters of the people list. */
export interface ContactFilter {
  /** Name, preferred name, company, handle or address contains this (case-insensitive). */
  q?: string;
  lifecycle?: string;
  journey?: string;
  /** Has an identity on this channel. */
  channel?: string;
  /** Advocates only: an advocate score of at least ADVOCATE_THRESHOLD. */
  advocates?: boolean;
  /** Flagged at risk of leaving. */
  atRisk?: boolean;
  minAdvocateScore?: number;
  /** Has a conversation with this label. */
  label?: string;
  /** Last in touch before / after (epoch ms); "before" includes never. */
  lastContactBefore?: number;
  lastContactAfter?: number;
  /** Contacts with an id below this (keyset pagination, newest first). */
  before?: number;
  limit: number;
}

/** The contact row, live or merged away. */
export async function getContactRow(db: Kysely<Database>, id: number) {
  const row = await db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`contact ${id}`);
  return row;
}

/** Live contacts (not merged away) matching the filter, newest first. */
export async function listContacts(db: Kysely<Database>, f: ContactFilter) {
  let query = db
    .selectFrom('contacts as c')
    .leftJoin('contact_scores as s', 's.contact_id', 'c.id')
    .selectAll('c')
    .where('c.merged_into', 'is', null)
    .where('c.erased_at', 'is', null);
  const minScore = Math.max(f.minAdvocateScore ?? 0, f.advocates ? ADVOCATE_THRESHOLD : 0);
  if (minScore > 0) query = query.where('s.advocate_score', '>=', minScore);
  if (f.atRisk) query = query.where('s.churn_risk', '=', 1);
  if (f.lastContactAfter !== undefined) query = query.where('s.last_contact_at', '>=', f.lastContactAfter);
  if (f.lastContactBefore !== undefined) {
    const before = f.lastContactBefore;
    query = query.where((eb) =>
      eb.or([eb('s.last_contact_at', 'is', null), eb('s.last_contact_at', '<', before)]),
    );
  }
  if (f.label) {
    const label = f.label;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('conversations as v')
          .innerJoin('conversation_labels as cl', 'cl.conversation_id', 'v.id')
          .innerJoin('labels as l', 'l.id', 'cl.label_id')
          .select('v.id')
          .whereRef('v.contact_id', '=', 'c.id')
          .where('l.name', '=', label),
      ),
    );
  }
  if (f.lifecycle) query = query.where('c.lifecycle', '=', f.lifecycle as 'prospect');
  if (f.journey) query = query.where('c.journey_stage', '=', f.journey);
  if (f.before) query = query.where('c.id', '<', f.before);
  if (f.channel) {
    const channel = f.channel;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('contact_identities as i')
          .select('i.id')
          .whereRef('i.contact_id', '=', 'c.id')
          .where('i.channel', '=', channel),
      ),
    );
  }
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const has = (col: string) => sql<boolean>`lower(${sql.ref(col)}) like ${like} escape '\\'`;
    query = query.where((eb) =>
      eb.or([
        has('c.name'),
        has('c.preferred_name'),
        has('c.company'),
        eb.exists(
          eb
            .selectFrom('contact_identities as i')
            .select('i.id')
            .whereRef('i.contact_id', '=', 'c.id')
            .where((e) => e.or([has('i.handle'), has('i.email'), has('i.name')])),
        ),
      ]),
    );
  }
  return query.orderBy('c.id', 'desc').limit(f.limit).execute();
}

/** The identities of these contacts, by contact. */
export async function identitiesOf(db: Kysely<Database>, contactIds: number[]) {
  if (contactIds.length === 0) return [];
  return db
    .selectFrom('contact_identities')
    .selectAll()
    .where('contact_id', 'in', contactIds)
    .orderBy('id')
    .execute();
}

/** One entry of a person's timeline: a message (either way, any channel), a note or an offline interaction. */
export interface TimelineEntry {
  kind: 'message' | 'note' | 'interaction';
  id: number;
  at: number;
  channel: string | null;
  direction: 'inbound' | 'outbound' | null;
  conversationId: number | null;
  text: string;
  interaction: string | null;
  userId: number | null;
}

/**
 * Everything with a person across channels, newest first: the messages of their conversations
 * (theirs and the team's replies), the notes kept about them and the interactions logged.
 */
export async function contactTimeline(db: Kysely<Database>, contactId: number, limit: number) {
  const messages = await db
    .selectFrom('messages as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .select([
      'm.id',
      'm.created_at',
      'm.channel',
      'm.direction',
      'm.conversation_id',
      'm.text',
      'm.sender_user_id',
    ])
    .where('c.contact_id', '=', contactId)
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(limit)
    .execute();
  const notes = await db
    .selectFrom('contact_notes')
    .selectAll()
    .where('contact_id', '=', contactId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  const interactions = await db
    .selectFrom('contact_interactions')
    .selectAll()
    .where('contact_id', '=', contactId)
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
  const entries: TimelineEntry[] = [
    ...messages.map((m) => ({
      kind: 'message' as const,
      id: m.id,
      at: m.created_at,
      channel: m.channel,
      direction: m.direction,
      conversationId: m.conversation_id,
      text: m.text,
      interaction: null,
      userId: m.sender_user_id,
    })),
    ...notes.map((n) => ({
      kind: 'note' as const,
      id: n.id,
      at: n.created_at,
      channel: null,
      direction: null,
      conversationId: null,
      text: n.text,
      interaction: null,
      userId: n.author_user_id,
    })),
    ...interactions.map((i) => ({
      kind: 'interaction' as const,
      id: i.id,
      at: i.at,
      channel: null,
      direction: null,
      conversationId: null,
      text: i.note,
      interaction: i.kind,
      userId: i.user_id,
    })),
  ];
  return entries.sort((a, b) => b.at - a.at || b.id - a.id).slice(0, limit);
}

/** All a person's page needs: the row, identities, timeline, occasions, stage history, merges and their latest words. */
export async function contactDetail(db: Kysely<Database>, id: number, timelineLimit: number) {
  const contact = await getContactRow(db, id);
  return {
    contact,
    identities: await identitiesOf(db, [id]),
    scores: await scoresOf(db, [id]),
    timeline: await contactTimeline(db, id, timelineLimit),
    occasions: await db
      .selectFrom('contact_occasions')
      .selectAll()
      .where('contact_id', '=', id)
      .orderBy('month')
      .orderBy('day')
      .execute(),
    stages: await db
      .selectFrom('contact_stage_changes')
      .selectAll()
      .where('contact_id', '=', id)
      .orderBy('id')
      .execute(),
    merges: await listContactMerges(db, id),
    recentInbound: await db
      .selectFrom('messages')
      .select(['intent', 'text', 'direction'])
      .where('contact_id', '=', id)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(20)
      .execute(),
  };
}

/** Other live contacts with the same name (case-insensitive), the candidates for a duplicate check. */
export async function sameNameContacts(db: Kysely<Database>, id: number, name: string, limit = 50) {
  return db
    .selectFrom('contacts')
    .selectAll()
    .where('id', '!=', id)
    .where('merged_into', 'is', null)
    .where(sql<string>`lower(name)`, '=', name.trim().toLowerCase())
    .orderBy('id')
    .limit(limit)
    .execute();
}
