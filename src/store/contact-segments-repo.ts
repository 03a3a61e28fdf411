import type { Kysely } from 'kysely';
import { ConflictError, NotFoundError } from '../platform/errors.js';
import type { Database } from './schema.js';
import { isUniqueViolation } from './sql-errors.js';

/** A saved segment: a name and its filters (JSON as the API took them). */
export interface SegmentRow {
  id: number;
  name: string;
  filter: Record<string, unknown>;
  createdBy: number | null;
  createdAt: number;
}

const toSegment = (r: {
  id: number;
  name: string;
  filter_json: string;
  created_by: number | null;
  created_at: number;
}): SegmentRow => ({
  id: r.id,
  name: r.name,
  filter: JSON.parse(r.filter_json) as Record<string, unknown>,
  createdBy: r.created_by,
  createdAt: Number(r.created_at),
});

/** Every saved segment, by name. */
export async function listSegments(db: Kysely<Database>) {
  const rows = await db.selectFrom('contact_segments').selectAll().orderBy('name').execute();
  return rows.map(toSegment);
}

/** One segment, or NotFoundError. */
export async function getSegment(db: Kysely<Database>, id: number) {
  const row = await db.selectFrom('contact_segments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`segment ${id}`);
  return toSegment(row);
}

/** Saves a segment; a taken name is a ConflictError. */
export async function createSegment(
  db: Kysely<Database>,
  input: { name: string; filter: Record<string, unknown>; userId: number | null; now: number },
) {
  try {
    const row = await db
      .insertInto('contact_segments')
      .values({
        name: input.name,
        filter_json: JSON.stringify(input.filter),
        created_by: input.userId,
        created_at: input.now,
        updated_at: input.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSegment(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`a segment named "${input.name}" exists`);
    throw error;
  }
}

/** Removes a segment; true when it existed. */
export async function deleteSegment(db: Kysely<Database>, id: number) {
  const result = await db.deleteFrom('contact_segments').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
