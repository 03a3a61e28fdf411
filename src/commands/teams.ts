import type { Kysely } from 'kysely';
import type { PresenceState } from '../domain/routing.js';
import { NotFoundError, ValidationError } from '../platform/errors.js';
import { activeUsers } from '../store/conversations-repo.js';
import { appendEvent } from '../store/events-repo.js';
import type { Database } from '../store/schema.js';
import {
  deleteTeam as deleteTeamRow,
  getPresence,
  getTeam,
  insertTeam,
  listPresence,
  listTeams,
  setPresence,
  type TeamInput,
  updateTeam as updateTeamRow,
} from '../store/teams-repo.js';
import { type CommandActor, eventActor } from './actor.js';
import { type AdminActor, auditOf } from './admin-actor.js';
import { writeSettings } from './routing-rules.js';
import type { Services } from './services.js';

/** Every team with its members and skills. */
export function listAllTeams(services: Services) {
  return listTeams(services.db.kysely);
}

async function checkMembers(db: Kysely<Database>, input: TeamInput) {
  const active = new Set((await activeUsers(db)).map((u) => u.id));
  const seen = new Set<number>();
  for (const m of input.members) {
    if (!active.has(m.userId)) throw new ValidationError(`members: no active user ${m.userId}`);
    if (seen.has(m.userId)) throw new ValidationError(`members: user ${m.userId} is listed twice`);
    seen.add(m.userId);
  }
}

/** Adds a team with its members. */
export async function createTeam(services: Services, actor: AdminActor, input: TeamInput) {
  await checkMembers(services.db.kysely, input);
  const now = services.clock.now();
  const { actor: who } = auditOf(actor);
  const id = await writeSettings(services, async (trx) => {
    const id = await insertTeam(trx, input, now);
    await appendEvent(trx, {
      at: now,
      actor: who,
      type: 'team.changed',
      data: { teamId: id, action: 'created', name: input.name },
    });
    return id;
  });
  return (await getTeam(services.db.kysely, id))!;
}

/** Replaces a team's name, description, skills and members. */
export async function updateTeam(services: Services, actor: AdminActor, id: number, input: TeamInput) {
  await checkMembers(services.db.kysely, input);
  const now = services.clock.now();
  const { actor: who } = auditOf(actor);
  await writeSettings(services, async (trx) => {
    if (!(await updateTeamRow(trx, id, input, now))) throw new NotFoundError(`team ${id}`);
    await appendEvent(trx, {
      at: now,
      actor: who,
      type: 'team.changed',
      data: { teamId: id, action: 'updated', name: input.name },
    });
  });
  return (await getTeam(services.db.kysely, id))!;
}

/** Removes a team; conversations waiting in its queue stay where they are, in no team. */
export async function deleteTeam(services: Services, actor: AdminActor, id: number) {
  const current = await getTeam(services.db.kysely, id);
  if (!current) throw new NotFoundError(`team ${id}`);
  const now = services.clock.now();
  const { actor: who } = auditOf(actor);
  await writeSettings(services, async (trx) => {
    await deleteTeamRow(trx, id);
    await appendEvent(trx, {
      at: now,
      actor: who,
      type: 'team.changed',
      data: { teamId: id, action: 'deleted', name: current.name },
    });
  });
}

/** Everyone's presence (who takes new conversations now). */
export function listTeamPresence(services: Services) {
  return listPresence(services.db.kysely);
}

/** The acting person's own presence. */
export function myPresence(services: Services, actor: CommandActor) {
  return getPresence(services.db.kysely, requireUser(actor));
}

function requireUser(actor: CommandActor): number {
  if (actor.userId === null) {
    throw new ValidationError('presence belongs to a person: use a session or a token owned by a user');
  }
  return actor.userId;
}

/** Sets the acting person's presence and capacity (capacity left out: kept as it was). */
export async function setMyPresence(
  services: Services,
  actor: CommandActor,
  input: { status: PresenceState; capacity?: number | null },
) {
  const userId = requireUser(actor);
  const db = services.db.kysely;
  const capacity = input.capacity === undefined ? (await getPresence(db, userId)).capacity : input.capacity;
  const now = services.clock.now();
  await db.transaction().execute(async (trx) => {
    await setPresence(trx, userId, input.status, capacity, now);
    await appendEvent(trx, {
      at: now,
      actor: eventActor(actor),
      type: 'presence.changed',
      data: { userId, status: input.status, capacity },
    });
  });
  services.events.wake();
  return getPresence(db, userId);
}
