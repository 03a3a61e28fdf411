import type { z } from 'zod';
import { fromZod } from '../../platform/errors.js';

/** Parses request input with a zod schema, throwing a ValidationError (400) listing every problem. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what = 'request body',
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw fromZod(parsed.error, what);
  return parsed.data;
}
