import type { z } from 'zod';
import { fromZod } from '../platform/errors.js';

/** Parses request input with a zod schema, throwing a ValidationError (400) that lists each problem. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown, what = 'request'): z.infer<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw fromZod(result.error, what);
  return result.data;
}
