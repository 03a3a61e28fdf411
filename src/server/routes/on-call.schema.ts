/** Contracts of the on-call routes: who is on call now (everyone reads), rotations and overrides (admins write). */
import { z } from 'zod';
import { defineRoute } from '../../contract/api-contract.js';
import { epochMs, idParams } from './common.schema.js';

/** A rotation: members take turns daily or weekly, handing over at the local time it started. */
export const rotationSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    period: z.enum(['daily', 'weekly']),
    members: z.array(z.number().int()).describe('user ids in turn order'),
    startsAt: epochMs.describe('the first turn starts here; its local time of day is the handover time'),
    timeZone: z.string(),
  })
  .meta({ id: 'OnCallRotation' });

/** Person X is on call from–to. */
export const overrideSchema = z
  .object({
    id: z.number().int(),
    userId: z.number().int(),
    startsAt: epochMs,
    endsAt: epochMs,
    note: z.string().nullable(),
  })
  .meta({ id: 'OnCallOverride' });

const rotationBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    period: z.enum(['daily', 'weekly']),
    members: z.array(z.number().int().positive()).min(1).max(100),
    startsAt: z.number().int().min(0),
    timeZone: z.string().trim().min(1).max(64),
  })
  .strict();

const admin = { role: 'admin' } as const;
const viewer = { role: 'viewer' } as const;
const tag = 'On-call';

/** The on-call routes' contracts, by operation. */
export const onCallRoutes = {
  overview: defineRoute({
    operationId: 'getOnCall',
    method: 'GET',
    path: '/api/v1/on-call',
    auth: viewer,
    tag,
    summary: 'Who is on call now, every rotation, and the overrides not over yet',
    response: z.object({
      now: z.array(
        z.object({
          userId: z.number().int(),
          name: z.string().nullable(),
          source: z.enum(['override', 'rotation']),
          rotationId: z.number().int().nullable(),
          overrideId: z.number().int().nullable(),
          until: epochMs.nullable(),
        }),
      ),
      rotations: z.array(rotationSchema),
      overrides: z.array(overrideSchema),
    }),
  }),
  createRotation: defineRoute({
    operationId: 'createOnCallRotation',
    method: 'POST',
    path: '/api/v1/on-call/rotations',
    auth: admin,
    tag,
    summary: 'Add a rotation',
    body: rotationBody,
    status: 201,
    response: z.object({ rotation: rotationSchema }),
  }),
  updateRotation: defineRoute({
    operationId: 'updateOnCallRotation',
    method: 'PUT',
    path: '/api/v1/on-call/rotations/:id',
    auth: admin,
    tag,
    summary: 'Replace a rotation',
    params: idParams,
    body: rotationBody,
    response: z.object({ rotation: rotationSchema }),
  }),
  deleteRotation: defineRoute({
    operationId: 'deleteOnCallRotation',
    method: 'DELETE',
    path: '/api/v1/on-call/rotations/:id',
    auth: admin,
    tag,
    summary: 'Remove a rotation',
    params: idParams,
    status: 204,
  }),
  createOverride: defineRoute({
    operationId: 'createOnCallOverride',
    method: 'POST',
    path: '/api/v1/on-call/overrides',
    auth: admin,
    tag,
    summary: 'Put a person on call from–to, whatever the rotations say',
    body: z
      .object({
        userId: z.number().int().positive(),
        startsAt: z.number().int().min(0),
        endsAt: z.number().int().min(0),
        note: z.string().trim().max(200).nullable().default(null),
      })
      .strict(),
    status: 201,
    response: z.object({ override: overrideSchema }),
  }),
  deleteOverride: defineRoute({
    operationId: 'deleteOnCallOverride',
    method: 'DELETE',
    path: '/api/v1/on-call/overrides/:id',
    auth: admin,
    tag,
    summary: 'Remove an override',
    params: idParams,
    status: 204,
  }),
};
