/** Schemas every area of the API shares: ids in paths, the error body. Browser-safe (zod only). */
import { z } from 'zod';
import { errorCodes } from '../../platform/errors.js';

/** `:id` path parameters: a positive integer. */
export const idParams = z.object({ id: z.coerce.number().int().positive() });

/** An epoch-milliseconds time. */
export const epochMs = z.number().int().describe('epoch milliseconds');

/** The body of every error answer (4xx and 5xx). */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes),
      message: z.string(),
      /** Validation problems by path (or per item for message batches); absent for most errors. */
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error', description: 'Every error answer: a stable code, a message, sometimes details.' });

/** `{ok: true}`, the answer of actions that return nothing else. */
export const okSchema = z.object({ ok: z.literal(true) });
