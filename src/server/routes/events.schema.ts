import { z } from 'zod';

/** One event listener's state, as `GET /api/v1/events/listeners` shows it (times in epoch ms). */
export const listenerStatusSchema = z.object({
  name: z.string(),
  /** The event types it reacts to. */
  types: z.array(z.string()),
  /** Id of the last event it passed; null before it first ran. */
  position: z.number().int().nullable(),
  /** PostgreSQL: that event's transaction id (the cursor is the pair); SQLite: 0. */
  positionTx: z.number().int().nullable(),
  /** Events of its types not handled yet, and the age of the oldest of them (0 when caught up). */
  lagEvents: z.number().int().min(0),
  lagMs: z.number().min(0),
  /** Failures in a row; 0 when its last try succeeded. */
  failures: z.number().int().min(0),
  lastError: z.string().nullable(),
  /** When it tries again after a failure; null when it is not waiting. */
  nextRetryAt: z.number().nullable(),
  updatedAt: z.number().nullable(),
});

/** Response of `GET /api/v1/events/listeners` (admin). */
export const listenersResponseSchema = z.object({ items: z.array(listenerStatusSchema) });

/** The typed response body. */
export type ListenersResponse = z.infer<typeof listenersResponseSchema>;
