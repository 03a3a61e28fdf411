/** Contracts of the teams and presence routes: teams with members and skills; each person's presence and capacity. */
import { z } from 'zod';
import { defineRoute } from '../../contract/api-contract.js';
import { presenceStates } from '../../domain/routing.js';
import { epochMs, idParams } from './common.schema.js';

const skills = z.array(z.string().trim().min(1).max(50)).max(50);

/** A team as stored and shown. */
export const teamSchema = z
  .object({
    id: z.number().int().positive(),
    name: z.string(),
    description: z.string(),
    skills: z.array(z.string()),
    members: z.array(z.object({ userId: z.number().int(), name: z.string(), skills: z.array(z.string()) })),
    createdAt: epochMs,
    updatedAt: epochMs,
  })
  .meta({ id: 'Team' });

/** What an admin writes: members replace the team's list whole. */
export const teamBodySchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    description: z.string().trim().max(500).default(''),
    skills: skills.default([]),
    members: z
      .array(z.object({ userId: z.number().int().positive(), skills: skills.default([]) }).strict())
      .max(500)
      .default([]),
  })
  .strict()
  .meta({ id: 'TeamInput' });

/** A person's presence: whether they take new conversations, and how many open ones they can hold. */
export const presenceSchema = z
  .object({
    userId: z.number().int(),
    status: z.enum(presenceStates).describe('off_shift until the person says otherwise'),
    capacity: z
      .number()
      .int()
      .nullable()
      .describe('most open or pending conversations at once; null: no limit'),
    updatedAt: epochMs.nullable(),
  })
  .meta({ id: 'Presence' });

const presenceBody = z
  .object({
    status: z.enum(presenceStates),
    capacity: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .nullable()
      .optional()
      .describe('left out: kept as it was; null: no limit'),
  })
  .strict();

const admin = { role: 'admin' } as const;
const viewer = { role: 'viewer' } as const;
const agent = { role: 'agent' } as const;
const tag = 'Routing';
const teamAnswer = z.object({ team: teamSchema });

/** The teams and presence routes' contracts, by operation. */
export const teamRoutes = {
  list: defineRoute({
    operationId: 'listTeams',
    method: 'GET',
    path: '/api/v1/teams',
    auth: viewer,
    tag,
    summary: 'Teams with their members and skills, and everyone’s presence',
    response: z.object({
      items: z.array(teamSchema),
      presence: z.array(presenceSchema.extend({ name: z.string() })),
    }),
  }),
  create: defineRoute({
    operationId: 'createTeam',
    method: 'POST',
    path: '/api/v1/teams',
    auth: admin,
    tag,
    summary: 'Add a team',
    body: teamBodySchema,
    status: 201,
    response: teamAnswer,
  }),
  update: defineRoute({
    operationId: 'updateTeam',
    method: 'PUT',
    path: '/api/v1/teams/:id',
    auth: admin,
    tag,
    summary: 'Replace a team (its members too)',
    params: idParams,
    body: teamBodySchema,
    response: teamAnswer,
  }),
  remove: defineRoute({
    operationId: 'deleteTeam',
    method: 'DELETE',
    path: '/api/v1/teams/:id',
    auth: admin,
    tag,
    summary: 'Remove a team (conversations in its queue stay, in no team)',
    params: idParams,
    status: 204,
  }),
  myPresence: defineRoute({
    operationId: 'getMyPresence',
    method: 'GET',
    path: '/api/v1/me/presence',
    auth: agent,
    tag,
    summary: 'Your presence and capacity',
    response: z.object({ presence: presenceSchema }),
  }),
  setMyPresence: defineRoute({
    operationId: 'setMyPresence',
    method: 'PUT',
    path: '/api/v1/me/presence',
    auth: agent,
    tag,
    summary: 'Say whether you take new conversations (online, away, off shift) and how many you can hold',
    description:
      'Only people who are online and under their capacity are given conversations by routing; a conversation whose owner is away is moved shortly before its reply is due.',
    body: presenceBody,
    response: z.object({ presence: presenceSchema }),
  }),
};
