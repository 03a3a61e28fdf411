import type { FastifyInstance } from 'fastify';
import { cleanJson, JSON_MAX_DEPTH } from '../domain/clean-input.js';
import { ValidationError } from '../platform/errors.js';

/**
 * Deepest nesting any request body may have: room for a batch of messages whose `raw` uses all of
 * JSON_MAX_DEPTH (the message format refuses deeper raw/meta item by item), and no more.
 */
export const BODY_MAX_DEPTH = JSON_MAX_DEPTH + 8;

/**
 * Cleans every request's body, query string and path parameters before any route sees them: NUL
 * and unpaired surrogates become U+FFFD (cleanText), so no route can hand PostgreSQL a string it
 * refuses or store one SQLite encodes differently; a body nested deeper than BODY_MAX_DEPTH is a 400
 * before recursive code (validation, JSON.stringify) could overflow the stack on it.
 */
export function installInputHygiene(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    request.query = clean(request.query, 'query string');
    request.params = clean(request.params, 'path');
    if (request.body !== undefined) request.body = clean(request.body, 'request body');
  });
}

function clean(value: unknown, what: string): unknown {
  const cleaned = cleanJson(value, BODY_MAX_DEPTH);
  if (!cleaned.ok) throw new ValidationError(`${what} is ${cleaned.reason}`);
  return cleaned.value;
}
