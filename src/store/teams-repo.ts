import type { Kysely } from 'kysely';
import type { Candidate } from '../domain/assignment.js';
import type { PresenceState } from '../domain/routing.js';
import type { Database } from './schema.js';

/** A team member as the API shows them. */
export interface TeamMember {
  userId: number;
  name: string;
  skills: string[];
}

/** A team as the API shows it. */
export interface Team {
  id: number;
  name: string;
  description: string;
  skills: string[];
  members: TeamMember[];
  createdAt: number;
  updatedAt: number;
}

/** The writable fields of a team (members replace the team's list whole). */
export interface TeamInput {
  name: string;
  description: string;
  skills: string[];
  members: { userId: number; skills: string[] }[];
}

/** Statuses in which a conversation counts against its owner's capacity. */
export const HELD_STATUSES = ['open', 'pending'] as const;

/** Every team with its members, by name. */
export async function listTeams(db: Kysely<Database>): Promise<Team[]> {
  const teams = await db.selectFrom('teams').selectAll().orderBy('name').execute();
  const members = await db
    .selectFrom('team_members')
    .innerJoin('users', 'users.id', 'team_members.user_id')
    .select(['team_members.team_id', 'team_members.user_id', 'team_members.skills_json', 'users.name'])
    .orderBy('users.name')
    .execute();
  return teams.map((t) => ({
    id: t.id,
    name: t.name,
    description: t.description,
    skills: JSON.parse(t.skills_json) as string[],
    members: members
      .filter((m) => m.team_id === t.id)
      .map((m) => ({ userId: m.user_id, name: m.name, skills: JSON.parse(m.skills_json) as string[] })),
    createdAt: t.created_at,
    updatedAt: t.updated_at,
  }));
}

/** One team, or undefined. */
export async function getTeam(db: Kysely<Database>, id: number): Promise<Team | undefined> {
  return (await listTeams(db)).find((t) => t.id === id);
}

/** Ids of the teams that exist among `ids`. */
export async function existingTeamIds(db: Kysely<Database>, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('teams').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

async function writeMembers(db: Kysely<Database>, teamId: number, members: TeamInput['members']) {
  await db.deleteFrom('team_members').where('team_id', '=', teamId).execute();
  if (members.length === 0) return;
  await db
    .insertInto('team_members')
    .values(
      members.map((m) => ({ team_id: teamId, user_id: m.userId, skills_json: JSON.stringify(m.skills) })),
    )
    .execute();
}

/** Stores a new team and its members; returns the id. */
export async function insertTeam(db: Kysely<Database>, input: TeamInput, now: number): Promise<number> {
  const row = await db
    .insertInto('teams')
    .values({
      name: input.name,
      description: input.description,
      skills_json: JSON.stringify(input.skills),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeMembers(db, row.id, input.members);
  return row.id;
}

/** Replaces a team's fields and members; false when there is no such id. */
export async function updateTeam(db: Kysely<Database>, id: number, input: TeamInput, now: number) {
  const r = await db
    .updateTable('teams')
    .set({
      name: input.name,
      description: input.description,
      skills_json: JSON.stringify(input.skills),
      updated_at: now,
    })
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return false;
  await writeMembers(db, id, input.members);
  return true;
}

/** Deletes a team (its queue's conversations stay, in no team's queue). */
export async function deleteTeam(db: Kysely<Database>, id: number) {
  await db.deleteFrom('team_members').where('team_id', '=', id).execute();
  await db.updateTable('conversations').set({ team_id: null }).where('team_id', '=', id).execute();
  const r = await db.deleteFrom('teams').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Members of the given teams (user ids, no duplicates). */
export async function membersOf(db: Kysely<Database>, teamIds: number[]): Promise<number[]> {
  if (teamIds.length === 0) return [];
  const rows = await db
    .selectFrom('team_members')
    .select('user_id')
    .distinct()
    .where('team_id', 'in', teamIds)
    .orderBy('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

/** Teams a person is in, by id. */
export async function teamsOfUser(db: Kysely<Database>, userId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('team_members')
    .select('team_id')
    .where('user_id', '=', userId)
    .orderBy('team_id')
    .execute();
  return rows.map((r) => r.team_id);
}

/** A person's presence; people who never said count as off shift with no limit. */
export interface Presence {
  userId: number;
  status: PresenceState;
  capacity: number | null;
  updatedAt: number | null;
}

/** Presence of every active person (those who never set one: off shift). */
export async function listPresence(db: Kysely<Database>): Promise<(Presence & { name: string })[]> {
  const rows = await db
    .selectFrom('users')
    .leftJoin('user_presence', 'user_presence.user_id', 'users.id')
    .select([
      'users.id',
      'users.name',
      'user_presence.status',
      'user_presence.capacity',
      'user_presence.updated_at',
    ])
    .where('users.disabled', '=', 0)
    .orderBy('users.name')
    .execute();
  return rows.map((r) => ({
    userId: r.id,
    name: r.name,
    status: r.status ?? 'off_shift',
    capacity: r.capacity ?? null,
    updatedAt: r.updated_at ?? null,
  }));
}

/** One person's presence. */
export async function getPresence(db: Kysely<Database>, userId: number): Promise<Presence> {
  const row = await db
    .selectFrom('user_presence')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row
    ? { userId, status: row.status, capacity: row.capacity, updatedAt: row.updated_at }
    : { userId, status: 'off_shift', capacity: null, updatedAt: null };
}

/** Sets a person's presence and capacity. */
export async function setPresence(
  db: Kysely<Database>,
  userId: number,
  status: PresenceState,
  capacity: number | null,
  now: number,
) {
  await db
    .insertInto('user_presence')
    .values({ user_id: userId, status, capacity, updated_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ status, capacity, updated_at: now }))
    .execute();
}

/** A team's members with their presence and the open conversations they hold (active users only). */
export async function candidatesOf(db: Kysely<Database>, teamId: number): Promise<Candidate[]> {
  const rows = await db
    .selectFrom('team_members')
    .innerJoin('users', 'users.id', 'team_members.user_id')
    .leftJoin('user_presence', 'user_presence.user_id', 'team_members.user_id')
    .select([
      'team_members.user_id',
      'user_presence.status',
      'user_presence.capacity',
      (eb) =>
        eb
          .selectFrom('conversations')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('conversations.assignee_id', '=', 'team_members.user_id')
          .where('conversations.status', 'in', [...HELD_STATUSES])
          .as('open'),
    ])
    .where('team_members.team_id', '=', teamId)
    .where('users.disabled', '=', 0)
    .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    presence: r.status ?? 'off_shift',
    open: Number(r.open ?? 0),
    capacity: r.capacity ?? null,
  }));
}

/** The team's round-robin pointer (who got its last conversation). */
export async function teamPointer(db: Kysely<Database>, teamId: number): Promise<number | null> {
  const row = await db
    .selectFrom('teams')
    .select('last_assigned_user_id')
    .where('id', '=', teamId)
    .executeTakeFirst();
  return row?.last_assigned_user_id ?? null;
}

/** Moves the team's round-robin pointer to the member just given a conversation. */
export async function moveTeamPointer(db: Kysely<Database>, teamId: number, userId: number) {
  await db.updateTable('teams').set({ last_assigned_user_id: userId }).where('id', '=', teamId).execute();
}
