import type { Kysely, Selectable } from 'kysely';
import { type PlaybookPlan, playbookPlanSchema } from '../domain/playbooks.js';
import { ConflictError, NotFoundError } from '../platform/errors.js';
import type { Database, PlaybooksTable, SavedRepliesTable } from './schema.js';
import { isUniqueViolation } from './sql-errors.js';

/** A playbook as the API shows it. */
export interface Playbook {
  id: number;
  complaintType: string;
  /** Null: any intent. */
  intent: string | null;
  name: string;
  plan: PlaybookPlan;
  savedReplyIds: number[];
  createdAt: number;
  updatedAt: number;
}

/** The writable fields of a playbook. */
export type PlaybookInput = Omit<Playbook, 'id' | 'createdAt' | 'updatedAt'>;

/** A saved reply as the API shows it. */
export interface SavedReply {
  id: number;
  shortcut: string;
  title: string;
  body: string;
  createdAt: number;
  updatedAt: number;
}

/** The writable fields of a saved reply. */
export type SavedReplyInput = Pick<SavedReply, 'shortcut' | 'title' | 'body'>;

function playbookOf(r: Selectable<PlaybooksTable>): Playbook {
  return {
    id: r.id,
    complaintType: r.complaint_type,
    intent: r.intent || null,
    name: r.name,
    plan: playbookPlanSchema.parse(JSON.parse(r.plan_json)),
    savedReplyIds: JSON.parse(r.saved_reply_ids_json) as number[],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function savedReplyOf(r: Selectable<SavedRepliesTable>): SavedReply {
  return {
    id: r.id,
    shortcut: r.shortcut,
    title: r.title,
    body: r.body,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function playbookRow(input: PlaybookInput) {
  return {
    complaint_type: input.complaintType,
    intent: input.intent ?? '',
    name: input.name,
    plan_json: JSON.stringify(input.plan),
    saved_reply_ids_json: JSON.stringify(input.savedReplyIds),
  };
}

async function unique<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`${what} already exists`);
    throw error;
  }
}

/** Every playbook, by complaint type then intent. */
export async function listPlaybooks(db: Kysely<Database>): Promise<Playbook[]> {
  const rows = await db
    .selectFrom('playbooks')
    .selectAll()
    .orderBy('complaint_type')
    .orderBy('intent')
    .orderBy('id')
    .execute();
  return rows.map(playbookOf);
}

/**
 * The playbook for a complaint type and intent: the one written for both, else the one for the
 * type and any intent, else none.
 */
export async function findPlaybook(
  db: Kysely<Database>,
  complaintType: string,
  intent: string | null,
): Promise<Playbook | null> {
  const rows = await db
    .selectFrom('playbooks')
    .selectAll()
    .where('complaint_type', '=', complaintType)
    .where('intent', 'in', intent ? [intent, ''] : [''])
    .execute();
  const exact = rows.find((r) => r.intent !== '') ?? rows[0];
  return exact ? playbookOf(exact) : null;
}

/** Adds a playbook; a second one for the same type and intent is a ConflictError. */
export async function insertPlaybook(db: Kysely<Database>, input: PlaybookInput, now: number) {
  const row = await unique(`a playbook for ${input.complaintType}/${input.intent ?? 'any intent'}`, () =>
    db
      .insertInto('playbooks')
      .values({ ...playbookRow(input), created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
  return playbookOf(row);
}

/** Replaces a playbook. */
export async function replacePlaybook(db: Kysely<Database>, id: number, input: PlaybookInput, now: number) {
  const row = await unique(`a playbook for ${input.complaintType}/${input.intent ?? 'any intent'}`, () =>
    db
      .updateTable('playbooks')
      .set({ ...playbookRow(input), updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst(),
  );
  if (!row) throw new NotFoundError(`playbook ${id}`);
  return playbookOf(row);
}

/** Removes a playbook; returns its name. */
export async function removePlaybook(db: Kysely<Database>, id: number): Promise<string> {
  const row = await db.deleteFrom('playbooks').where('id', '=', id).returning('name').executeTakeFirst();
  if (!row) throw new NotFoundError(`playbook ${id}`);
  return row.name;
}

/** Every saved reply, by shortcut. */
export async function listSavedReplies(db: Kysely<Database>): Promise<SavedReply[]> {
  const rows = await db.selectFrom('saved_replies').selectAll().orderBy('shortcut').execute();
  return rows.map(savedReplyOf);
}

/** One saved reply. */
export async function getSavedReply(db: Kysely<Database>, id: number): Promise<SavedReply | null> {
  const row = await db.selectFrom('saved_replies').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? savedReplyOf(row) : null;
}

/** Adds a saved reply; a taken shortcut is a ConflictError. */
export async function insertSavedReply(
  db: Kysely<Database>,
  input: SavedReplyInput,
  userId: number | null,
  now: number,
) {
  const row = await unique(`a saved reply /${input.shortcut}`, () =>
    db
      .insertInto('saved_replies')
      .values({ ...input, created_by: userId, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
  return savedReplyOf(row);
}

/** Replaces a saved reply. */
export async function replaceSavedReply(
  db: Kysely<Database>,
  id: number,
  input: SavedReplyInput,
  now: number,
) {
  const row = await unique(`a saved reply /${input.shortcut}`, () =>
    db
      .updateTable('saved_replies')
      .set({ ...input, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst(),
  );
  if (!row) throw new NotFoundError(`saved reply ${id}`);
  return savedReplyOf(row);
}

/** Removes a saved reply; returns its shortcut. */
export async function removeSavedReply(db: Kysely<Database>, id: number): Promise<string> {
  const row = await db
    .deleteFrom('saved_replies')
    .where('id', '=', id)
    .returning('shortcut')
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`saved reply ${id}`);
  return row.shortcut;
}
