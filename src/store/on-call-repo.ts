import type { Kysely, Selectable } from 'kysely';
import type { Override, Rotation } from '../domain/on-call.js';
import type { Database, OnCallOverridesTable, OnCallRotationsTable } from './schema.js';

/** A stored rotation, read for the rules. */
export function rotationOf(r: Selectable<OnCallRotationsTable>): Rotation & { name: string } {
  return {
    id: r.id,
    name: r.name,
    period: r.period,
    members: JSON.parse(r.members_json) as number[],
    startsAt: Number(r.starts_at),
    timeZone: r.time_zone,
  };
}

/** A stored override, read for the rules. */
export function overrideOf(o: Selectable<OnCallOverridesTable>): Override & { note: string | null } {
  return {
    id: o.id,
    userId: o.user_id,
    startsAt: Number(o.starts_at),
    endsAt: Number(o.ends_at),
    note: o.note,
  };
}

/** Every rotation, oldest first (their order breaks ties in who is on call). */
export async function listRotations(db: Kysely<Database>) {
  const rows = await db.selectFrom('on_call_rotations').selectAll().orderBy('id').execute();
  return rows.map(rotationOf);
}

/** Overrides that have not ended by `now`, soonest first. */
export async function listOverrides(db: Kysely<Database>, now: number) {
  const rows = await db
    .selectFrom('on_call_overrides')
    .selectAll()
    .where('ends_at', '>', now)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
  return rows.map(overrideOf);
}

/** The rotation fields a caller writes. */
export interface RotationInput {
  name: string;
  period: 'daily' | 'weekly';
  members: number[];
  startsAt: number;
  timeZone: string;
}

/** Adds a rotation. */
export async function insertRotation(db: Kysely<Database>, input: RotationInput, now: number) {
  const row = await db
    .insertInto('on_call_rotations')
    .values({
      name: input.name,
      period: input.period,
      members_json: JSON.stringify(input.members),
      starts_at: input.startsAt,
      time_zone: input.timeZone,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return rotationOf(row);
}

/** Replaces a rotation; undefined when there is none with that id. */
export async function updateRotation(db: Kysely<Database>, id: number, input: RotationInput, now: number) {
  const row = await db
    .updateTable('on_call_rotations')
    .set({
      name: input.name,
      period: input.period,
      members_json: JSON.stringify(input.members),
      starts_at: input.startsAt,
      time_zone: input.timeZone,
      updated_at: now,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? rotationOf(row) : undefined;
}

/** Removes a rotation; whether it existed. */
export async function deleteRotation(db: Kysely<Database>, id: number) {
  const r = await db.deleteFrom('on_call_rotations').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Adds an override. */
export async function insertOverride(
  db: Kysely<Database>,
  input: { userId: number; startsAt: number; endsAt: number; note: string | null },
  now: number,
) {
  const row = await db
    .insertInto('on_call_overrides')
    .values({
      user_id: input.userId,
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      note: input.note,
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return overrideOf(row);
}

/** Removes an override; whether it existed. */
export async function deleteOverride(db: Kysely<Database>, id: number) {
  const r = await db.deleteFrom('on_call_overrides').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Active agents and admins (who can act on an alert), by id. */
export async function activeResponders(db: Kysely<Database>): Promise<number[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('disabled', '=', 0)
    .where('role', 'in', ['agent', 'admin'])
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
