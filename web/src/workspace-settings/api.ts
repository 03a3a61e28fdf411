import type { z } from 'zod';
import {
  routingRoutes,
  type routingRuleBodySchema,
  type routingRuleSchema,
} from '../../../src/server/routes/routing.schema.js';
import {
  type businessHoursSchema,
  type slaPolicySchema,
  slaRoutes,
} from '../../../src/server/routes/sla.schema.js';
import { type presenceSchema, teamRoutes, type teamSchema } from '../../../src/server/routes/teams.schema.js';
import { userRoutes } from '../../../src/server/routes/users.schema.js';
import { call } from '../api/client.js';

/** A team with its members. */
export type Team = z.output<typeof teamSchema>;
/** A person's presence. */
export type Presence = z.output<typeof presenceSchema>;
/** A stored routing rule. */
export type RoutingRule = z.output<typeof routingRuleSchema>;
/** What a routing rule form sends. */
export type RoutingRuleInput = z.input<typeof routingRuleBodySchema>;
/** A stored SLA policy. */
export type SlaPolicy = z.output<typeof slaPolicySchema>;
/** Stored business hours. */
export type BusinessHours = z.output<typeof businessHoursSchema>;

/** Typed calls for the workspace settings screens, made from the server's contracts. */
export const settingsApi = {
  users: () => call(userRoutes.list),
  teams: () => call(teamRoutes.list),
  createTeam: (body: z.input<typeof teamRoutes.create.body>) => call(teamRoutes.create, { body }),
  updateTeam: (id: number, body: z.input<typeof teamRoutes.update.body>) =>
    call(teamRoutes.update, { params: { id }, body }),
  deleteTeam: (id: number) => call(teamRoutes.remove, { params: { id } }),
  myPresence: () => call(teamRoutes.myPresence),
  setMyPresence: (body: z.input<typeof teamRoutes.setMyPresence.body>) =>
    call(teamRoutes.setMyPresence, { body }),
  rules: () => call(routingRoutes.list),
  createRule: (body: RoutingRuleInput) => call(routingRoutes.create, { body }),
  updateRule: (id: number, body: RoutingRuleInput) => call(routingRoutes.update, { params: { id }, body }),
  deleteRule: (id: number) => call(routingRoutes.remove, { params: { id } }),
  installDefaults: () => call(routingRoutes.installDefaults, { body: {} }),
  policies: () => call(slaRoutes.listPolicies),
  createPolicy: (body: z.input<typeof slaRoutes.createPolicy.body>) => call(slaRoutes.createPolicy, { body }),
  updatePolicy: (id: number, body: z.input<typeof slaRoutes.updatePolicy.body>) =>
    call(slaRoutes.updatePolicy, { params: { id }, body }),
  deletePolicy: (id: number) => call(slaRoutes.deletePolicy, { params: { id } }),
  hours: () => call(slaRoutes.listHours),
  createHours: (body: z.input<typeof slaRoutes.createHours.body>) => call(slaRoutes.createHours, { body }),
  updateHours: (id: number, body: z.input<typeof slaRoutes.updateHours.body>) =>
    call(slaRoutes.updateHours, { params: { id }, body }),
  deleteHours: (id: number) => call(slaRoutes.deleteHours, { params: { id } }),
};
