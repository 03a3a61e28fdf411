import type { FastifyInstance } from 'fastify';
import { cleanJson, JSON_MAX_DEPTH } from '../domain/clean-input.js';
import { ValidationError } from '../platform/errors.js';

/**
 * Deepest nesting any request body may have: room for a batch of messages whose `raw` uses all of
 * JSON_MAX_DEPTH (the message format refuses deeper raw/meta item by item), and no more.
 */
export const BODY_MAX_DEPTH = JSON_MAX_DEPTH + 8;

/**
 * Cleans every request's body and query string before any route sees them (cleanText: NUL removed,
 * unpaired surrogates replaced by U+FFFD), so no route can hand PostgreSQL a string it refuses or
 * store one SQLite encodes differently; a path with NUL is a 400, and so is a body nested deeper than
 * BODY_MAX_DEPTH, before recursive code (validation, JSON.stringify) could overflow the stack on it.
 */
export function installInputHygiene(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    request.query = clean(request.query, 'query string');
    // removing NUL from a path would address another record ('1%00' → '1'): refused instead
    const params = request.params as Record<string, unknown> | undefined;
    if (params && Object.values(params).some((v) => typeof v === 'string' && v.includes('\0'))) {
      throw new ValidationError('the path must not contain NUL characters');
    }
    if (request.body !== undefined) request.body = clean(request.body, 'request body');
  });
}

function clean(value: unknown, what: string): unknown {
  const cleaned = cleanJson(value, BODY_MAX_DEPTH);
  if (!cleaned.ok) throw new ValidationError(`${what} is ${cleaned.reason}`);
  return cleaned.value;
}
