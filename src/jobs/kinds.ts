import { z } from 'zod';
import type { JobRow } from '../store/schema.js';

/**
 * The one registry of background job kinds, each with the schema of its payload. A job is enqueued
 * by kind with a payload checked against it, and its processor receives the payload parsed, so a
 * producer and its processor can never disagree on the shape silently.
 */
export const jobKinds = {
  /** Send one stored reply through its channel (commands/deliver-reply.ts). */
  'outbound.send': z.object({ messageId: z.number().int().positive() }).strict(),
  /** Like or repost a customer's post as the brand (commands/deliver-engagement.ts). */
  'outbound.engage': z
    .object({ messageId: z.number().int().positive(), action: z.enum(['like', 'repost']) })
    .strict(),
  /** Deliver one alert to one person by one means (commands/alert-delivery.ts). */
  'alert.deliver': z.object({ deliveryId: z.number().int().positive() }).strict(),
  /** Pass an unacknowledged alert on to the next person on call (commands/alert-escalation.ts). */
  'alert.escalate': z
    .object({ alertId: z.number().int().positive(), level: z.number().int().min(0) })
    .strict(),
} as const;

/** The name of a job kind (stored in the jobs table's `queue` column). */
export type JobKind = keyof typeof jobKinds;

/** The payload of one kind of job. */
export type JobPayload<K extends JobKind> = z.infer<(typeof jobKinds)[K]>;

/** The processor of every job kind: a kind without one is a type error where the worker is wired. */
export type JobProcessors = { [K in JobKind]: (job: JobRow, payload: JobPayload<K>) => Promise<void> };

/** Whether a stored queue name is a known job kind. */
export function isJobKind(name: string): name is JobKind {
  return Object.hasOwn(jobKinds, name);
}
