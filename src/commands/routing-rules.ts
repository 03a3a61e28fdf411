import type { Kysely } from 'kysely';
import type { RoutingAction, RoutingConditions } from '../domain/routing.js';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors.js';
import { activeUsers } from '../store/conversations-repo.js';
import { appendEvent } from '../store/events-repo.js';
import {
  deleteRoutingRule,
  getRoutingRule,
  insertRoutingRule,
  listRoutingRules,
  type RoutingRuleInput,
  updateRoutingRule,
} from '../store/routing-repo.js';
import type { Database } from '../store/schema.js';
import { getBusinessHours } from '../store/sla-repo.js';
import { isUniqueViolation } from '../store/sql-errors.js';
import { existingTeamIds } from '../store/teams-repo.js';
import { type AdminActor, auditOf } from './admin-actor.js';
import type { Services } from './services.js';

/** A rule as written by an admin: position optional (new ones go last). */
export type RoutingRuleDraft = Omit<RoutingRuleInput, 'position'> & { position?: number };

/** Runs a settings write and its audit event in one transaction; a taken name is a conflict. */
export async function writeSettings<T>(
  services: Services,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  try {
    const result = await services.db.kysely.transaction().execute(work);
    services.events.wake();
    return result;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError('that name is taken');
    throw error;
  }
}

/** Every routing rule in match order. */
export function listRules(services: Services) {
  return listRoutingRules(services.db.kysely);
}

/** Refuses rules that name teams, people or business hours that do not exist. */
export async function checkRule(
  db: Kysely<Database>,
  conditions: RoutingConditions,
  actions: RoutingAction[],
) {
  const teamIds = actions.flatMap((a) =>
    a.type === 'assign_team' ? [a.teamId] : a.type === 'notify' ? a.teamIds : [],
  );
  const teams = await existingTeamIds(db, [...new Set(teamIds)]);
  for (const id of teamIds) if (!teams.has(id)) throw new ValidationError(`actions: no team ${id}`);
  const userIds = actions.flatMap((a) =>
    a.type === 'assign_user' ? [a.userId] : a.type === 'notify' ? a.userIds : [],
  );
  if (userIds.length > 0) {
    const active = new Set((await activeUsers(db)).map((u) => u.id));
    for (const id of userIds) if (!active.has(id)) throw new ValidationError(`actions: no active user ${id}`);
  }
  if (conditions.businessHours && !(await getBusinessHours(db, conditions.businessHours.id))) {
    throw new ValidationError(`conditions: no business hours ${conditions.businessHours.id}`);
  }
  const assigns = actions.filter((a) => a.type === 'assign_team' || a.type === 'assign_user');
  if (assigns.length > 1) throw new ValidationError('actions: a rule assigns to one team or one person');
}

/** Adds a rule (last in match order unless a position is given). */
export async function createRule(services: Services, actor: AdminActor, draft: RoutingRuleDraft) {
  const db = services.db.kysely;
  await checkRule(db, draft.conditions, draft.actions);
  const now = services.clock.now();
  const { actor: who } = auditOf(actor);
  const id = await writeSettings(services, async (trx) => {
    const position =
      draft.position ?? (await listRoutingRules(trx)).reduce((m, r) => Math.max(m, r.position + 1), 0);
    const id = await insertRoutingRule(trx, { ...draft, position }, now);
    await appendEvent(trx, {
      at: now,
      actor: who,
      type: 'routing.rule_changed',
      data: { ruleId: id, action: 'created', name: draft.name },
    });
    return id;
  });
  return (await getRoutingRule(db, id))!;
}

/** Replaces a rule. */
export async function updateRule(services: Services, actor: AdminActor, id: number, draft: RoutingRuleDraft) {
  const db = services.db.kysely;
  const current = await getRoutingRule(db, id);
  if (!current) throw new NotFoundError(`routing rule ${id}`);
  await checkRule(db, draft.conditions, draft.actions);
  const now = services.clock.now();
  const { actor: who } = auditOf(actor);
  await writeSettings(services, async (trx) => {
    await updateRoutingRule(trx, id, { ...draft, position: draft.position ?? current.position }, now);
    await appendEvent(trx, {
      at: now,
      actor: who,
      type: 'routing.rule_changed',
      data: { ruleId: id, action: 'updated', name: draft.name },
    });
  });
  return (await getRoutingRule(db, id))!;
}

/** Removes a rule. */
export async function deleteRule(services: Services, actor: AdminActor, id: number) {
  const current = await getRoutingRule(services.db.kysely, id);
  if (!current) throw new NotFoundError(`routing rule ${id}`);
  const now = services.clock.now();
  const { actor: who } = auditOf(actor);
  await writeSettings(services, async (trx) => {
    await deleteRoutingRule(trx, id);
    await appendEvent(trx, {
      at: now,
      actor: who,
      type: 'routing.rule_changed',
      data: { ruleId: id, action: 'deleted', name: current.name },
    });
  });
}
