/** Contract of the event-listener status route. */
import { z } from 'zod';
import { defineRoute } from '../../contract/api-contract.js';
import { epochMs } from './common.schema.js';

/** One event listener's state: its cursor, lag and retry state. */
export const listenerStatusSchema = z
  .object({
    name: z.string(),
    types: z.array(z.string()).describe('the event types it reacts to'),
    position: z
      .number()
      .int()
      .nullable()
      .describe('id of the last event it passed; null before it first ran'),
    positionTx: z
      .number()
      .int()
      .nullable()
      .describe('PostgreSQL: the transaction id of that event (the cursor is the pair); SQLite: 0'),
    lagEvents: z.number().int().min(0).describe('events of its types not handled yet'),
    lagMs: z.number().min(0).describe('age of the oldest of those; 0 when it has caught up'),
    failures: z.number().int().min(0).describe('failures in a row; 0 when its last try succeeded'),
    lastError: z.string().nullable(),
    nextRetryAt: epochMs.nullable().describe('when it tries again after a failure; null when not waiting'),
    updatedAt: epochMs.nullable(),
  })
  .meta({ id: 'ListenerStatus' });

/** Response of `GET /api/v1/events/listeners` (admin). */
export const listenersResponseSchema = z.object({ items: z.array(listenerStatusSchema) });

/** The event routes' contracts, by operation. */
export const eventRoutes = {
  listeners: defineRoute({
    operationId: 'listEventListeners',
    method: 'GET',
    path: '/api/v1/events/listeners',
    auth: { role: 'admin' },
    tag: 'Events',
    summary: "Each event listener's position, lag, failures and next retry",
    response: listenersResponseSchema,
  }),
};
