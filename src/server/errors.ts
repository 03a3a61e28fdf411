import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, type ErrorCode, RateLimitedError } from '../platform/errors.js';

/** The one place error codes become HTTP statuses. */
const statusByCode: Record<ErrorCode, number> = {
  config_invalid: 500,
  validation_failed: 400,
  not_found: 404,
  conflict: 409,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  rate_limited: 429,
  payload_too_large: 413,
  channel_unavailable: 503,
  channel_invalid: 422,
  send_failed: 502,
  internal: 500,
};

/** Installs the error handler: typed errors → {error:{code,message,details}}; others → 4xx/500. */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      const status = statusByCode[error.code];
      if (status >= 500) request.log.error({ err: error }, error.message);
      if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterSeconds));
      return reply
        .status(status)
        .send({ error: { code: error.code, message: error.message, details: error.details } });
    }
    const fe = error as FastifyError;
    const status = fe.statusCode && fe.statusCode >= 400 ? fe.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'unhandled error');
      return reply.status(500).send({ error: { code: 'internal', message: 'internal error' } });
    }
    const code =
      status === 413
        ? 'payload_too_large'
        : status === 429
          ? 'rate_limited'
          : status === 404
            ? 'not_found'
            : 'validation_failed';
    return reply.status(status).send({ error: { code, message: fe.message } });
  });
  app.setNotFoundHandler((request, reply) => {
    reply
      .status(404)
      .send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url}` } });
  });
}
