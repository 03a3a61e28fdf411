import type { Kysely, Selectable } from 'kysely';
import type { RoutingAction, RoutingConditions, RoutingRule } from '../domain/routing.js';
import type { Database, RoutingRulesTable } from './schema.js';

/** A routing rule as the API shows it. */
export interface StoredRoutingRule extends RoutingRule {
  position: number;
  createdAt: number;
  updatedAt: number;
}

/** The writable fields of a rule. */
export type RoutingRuleInput = Omit<StoredRoutingRule, 'id' | 'createdAt' | 'updatedAt'>;

function ruleOf(r: Selectable<RoutingRulesTable>): StoredRoutingRule {
  return {
    id: r.id,
    name: r.name,
    position: r.position,
    enabled: r.enabled === 1,
    continue: r.continue_after === 1,
    conditions: JSON.parse(r.conditions_json) as RoutingConditions,
    actions: JSON.parse(r.actions_json) as RoutingAction[],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function columns(input: RoutingRuleInput) {
  return {
    name: input.name,
    position: input.position,
    enabled: input.enabled ? 1 : 0,
    continue_after: input.continue ? 1 : 0,
    conditions_json: JSON.stringify(input.conditions),
    actions_json: JSON.stringify(input.actions),
  };
}

/** Every rule, in match order. */
export async function listRoutingRules(db: Kysely<Database>): Promise<StoredRoutingRule[]> {
  const rows = await db.selectFrom('routing_rules').selectAll().orderBy('position').orderBy('id').execute();
  return rows.map(ruleOf);
}

/** One rule, or undefined. */
export async function getRoutingRule(db: Kysely<Database>, id: number) {
  const row = await db.selectFrom('routing_rules').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? ruleOf(row) : undefined;
}

/** Whether a rule of that name exists. */
export async function routingRuleNamed(db: Kysely<Database>, name: string) {
  const row = await db.selectFrom('routing_rules').select('id').where('name', '=', name).executeTakeFirst();
  return row?.id;
}

/** Stores a new rule; returns the id. */
export async function insertRoutingRule(db: Kysely<Database>, input: RoutingRuleInput, now: number) {
  const row = await db
    .insertInto('routing_rules')
    .values({ ...columns(input), created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Replaces a rule; false when there is no such id. */
export async function updateRoutingRule(
  db: Kysely<Database>,
  id: number,
  input: RoutingRuleInput,
  now: number,
) {
  const r = await db
    .updateTable('routing_rules')
    .set({ ...columns(input), updated_at: now })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Deletes a rule; false when there is no such id. */
export async function deleteRoutingRule(db: Kysely<Database>, id: number) {
  const r = await db.deleteFrom('routing_rules').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
