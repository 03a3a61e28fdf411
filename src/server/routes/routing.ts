import type { FastifyInstance } from 'fastify';
import { installRoutingDefaults } from '../../commands/routing-defaults.js';
import { createRule, deleteRule, listRules, updateRule } from '../../commands/routing-rules.js';
import type { Services } from '../../commands/services.js';
import {
  createTeam,
  deleteTeam,
  listAllTeams,
  listTeamPresence,
  myPresence,
  setMyPresence,
  updateTeam,
} from '../../commands/teams.js';
import { route } from '../route.js';
import { routingRoutes as r } from './routing.schema.js';
import { teamRoutes as t } from './teams.schema.js';

/** /api/v1/teams, /api/v1/me/presence and /api/v1/routing: everyone reads, admins write, each person sets their own presence. */
export function registerRoutingRoutes(app: FastifyInstance, services: Services) {
  route(app, t.list, async () => ({
    items: await listAllTeams(services),
    presence: await listTeamPresence(services),
  }));
  route(app, t.create, async ({ body, actor }) => ({ team: await createTeam(services, actor, body) }));
  route(app, t.update, async ({ params: { id }, body, actor }) => ({
    team: await updateTeam(services, actor, id, body),
  }));
  route(app, t.remove, async ({ params: { id }, actor }) => {
    await deleteTeam(services, actor, id);
    return null;
  });
  route(app, t.myPresence, async ({ actor }) => ({ presence: await myPresence(services, actor) }));
  route(app, t.setMyPresence, async ({ body, actor }) => ({
    presence: await setMyPresence(services, actor, body),
  }));

  route(app, r.list, async () => ({ items: await listRules(services) }));
  route(app, r.create, async ({ body, actor }) => ({ rule: await createRule(services, actor, body) }));
  route(app, r.update, async ({ params: { id }, body, actor }) => ({
    rule: await updateRule(services, actor, id, body),
  }));
  route(app, r.remove, async ({ params: { id }, actor }) => {
    await deleteRule(services, actor, id);
    return null;
  });
  route(app, r.installDefaults, async ({ actor }) => ({
    added: await installRoutingDefaults(services, actor),
    items: await listRules(services),
  }));
}
