import { type Kysely, sql } from 'kysely';
import type { EventActor } from '../domain/events.js';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors.js';
import type { Database } from './schema.js';

/** What a merge moved from the source contact to the target, by table: un-merge moves exactly these back. */
export interface MergeMoved {
  identities: number[];
  conversations: number[];
  notes: number[];
  interactions: number[];
  occasions: number[];
}

/** A stored merge, as the API shows it. */
export interface MergeRecord {
  id: number;
  targetId: number;
  sourceId: number;
  reason: string;
  at: number;
  undoneAt: number | null;
  moved: MergeMoved;
}

const movable = ['contact_notes', 'contact_interactions', 'contact_occasions'] as const;
const movedKey = {
  contact_notes: 'notes',
  contact_interactions: 'interactions',
  contact_occasions: 'occasions',
} as const;

async function liveContact(db: Kysely<Database>, id: number) {
  const row = await db
    .selectFrom('contacts')
    .select(['id', 'merged_into'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`contact ${id}`);
  if (row.merged_into !== null) {
    throw new ConflictError(`contact ${id} was merged into contact ${row.merged_into}`);
  }
  return row;
}

/**
 * Merges contact `sourceId` into `targetId`, inside the caller's transaction: the source's
 * identities, messages, conversations, notes, interactions and occasions move to the target, the
 * source is marked merged (hidden, kept), and the merge is recorded with what moved. Returns the
 * merge's id. Both must be live contacts and differ.
 */
export async function mergeContacts(
  trx: Kysely<Database>,
  input: { targetId: number; sourceId: number; reason: string; actor: EventActor; now: number },
): Promise<number> {
  const { targetId, sourceId, now } = input;
  if (targetId === sourceId) throw new ValidationError('a contact cannot be merged with itself');
  await liveContact(trx, targetId);
  await liveContact(trx, sourceId);
  const idsOf = async (table: 'contact_identities' | 'conversations' | (typeof movable)[number]) =>
    (await trx.selectFrom(table).select('id').where('contact_id', '=', sourceId).orderBy('id').execute()).map(
      (r) => r.id,
    );
  const moved: MergeMoved = {
    identities: await idsOf('contact_identities'),
    conversations: await idsOf('conversations'),
    notes: await idsOf('contact_notes'),
    interactions: await idsOf('contact_interactions'),
    occasions: await idsOf('contact_occasions'),
  };
  for (const table of ['contact_identities', 'conversations', 'messages', ...movable] as const) {
    await trx.updateTable(table).set({ contact_id: targetId }).where('contact_id', '=', sourceId).execute();
  }
  await trx
    .updateTable('contacts')
    .set({ merged_into: targetId, updated_at: now })
    .where('id', '=', sourceId)
    .execute();
  await trx.updateTable('contacts').set({ updated_at: now }).where('id', '=', targetId).execute();
  const row = await trx
    .insertInto('contact_merges')
    .values({
      target_id: targetId,
      source_id: sourceId,
      moved_json: JSON.stringify(moved),
      reason: input.reason,
      actor_type: input.actor.type,
      actor_id: input.actor.id,
      at: now,
      undone_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Undoes a merge, inside the caller's transaction: the identities it moved go back to the source,
 * and with them every message those identities wrote (also those that came after the merge); the
 * conversations whose first inbound message is now the source's go back, and so do the notes,
 * interactions and occasions it moved. The target must not itself be merged since.
 */
export async function unmergeContacts(
  trx: Kysely<Database>,
  input: { mergeId: number; now: number },
): Promise<MergeRecord> {
  const merge = await trx
    .selectFrom('contact_merges')
    .selectAll()
    .where('id', '=', input.mergeId)
    .executeTakeFirst();
  if (!merge) throw new NotFoundError(`merge ${input.mergeId}`);
  if (merge.undone_at !== null) throw new ConflictError('this merge was already undone');
  await liveContact(trx, merge.target_id);
  const { target_id: target, source_id: source } = merge;
  const moved = JSON.parse(merge.moved_json) as MergeMoved;
  if (moved.identities.length > 0) {
    await trx
      .updateTable('contact_identities')
      .set({ contact_id: source })
      .where('id', 'in', moved.identities)
      .where('contact_id', '=', target)
      .execute();
  }
  await trx
    .updateTable('messages')
    .set({ contact_id: source })
    .where('contact_id', '=', target)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('contact_identities as i')
          .select('i.id')
          .where('i.contact_id', '=', source)
          .whereRef('i.channel', '=', 'messages.channel')
          .whereRef('i.external_id', '=', 'messages.author_external_id'),
      ),
    )
    .execute();
  await trx
    .updateTable('conversations')
    .set({ contact_id: source })
    .where('contact_id', '=', target)
    .where(
      sql<number | null>`(select m.contact_id from messages m where m.conversation_id = conversations.id
        and m.direction = 'inbound' order by m.created_at, m.id limit 1)`,
      '=',
      source,
    )
    .execute();
  for (const table of movable) {
    const ids = moved[movedKey[table]];
    if (ids.length === 0) continue;
    await trx
      .updateTable(table)
      .set({ contact_id: source })
      .where('id', 'in', ids)
      .where('contact_id', '=', target)
      .execute();
  }
  await trx
    .updateTable('contacts')
    .set({ merged_into: null, updated_at: input.now })
    .where('id', '=', source)
    .execute();
  await trx.updateTable('contact_merges').set({ undone_at: input.now }).where('id', '=', merge.id).execute();
  return recordOf({ ...merge, undone_at: input.now });
}

function recordOf(row: {
  id: number;
  target_id: number;
  source_id: number;
  reason: string;
  at: number;
  undone_at: number | null;
  moved_json: string;
}): MergeRecord {
  return {
    id: row.id,
    targetId: row.target_id,
    sourceId: row.source_id,
    reason: row.reason,
    at: row.at,
    undoneAt: row.undone_at,
    moved: JSON.parse(row.moved_json) as MergeMoved,
  };
}

/** The merges a contact took part in (as target or source), newest first: its merge history. */
export async function listContactMerges(db: Kysely<Database>, contactId: number): Promise<MergeRecord[]> {
  const rows = await db
    .selectFrom('contact_merges')
    .selectAll()
    .where((eb) => eb.or([eb('target_id', '=', contactId), eb('source_id', '=', contactId)]))
    .orderBy('id', 'desc')
    .execute();
  return rows.map(recordOf);
}

/** The merge that folded `sourceId` away and is still in force, if any (what un-merging it undoes). */
export async function activeMergeOf(db: Kysely<Database>, sourceId: number): Promise<number | null> {
  const row = await db
    .selectFrom('contact_merges')
    .select('id')
    .where('source_id', '=', sourceId)
    .where('undone_at', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.id ?? null;
}
