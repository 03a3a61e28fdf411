import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
  too_many_streams: 429,
  payload_too_large: 413,
  channel_unavailable: 503,
  not_ready: 503,
  channel_invalid: 422,
  send_failed: 502,
  form_letter: 422,
  reply_blocked: 422,
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

/**
 * Fastify's router refusals (a malformed URL, a path parameter longer than maxParamLength) in the
 * API's error format; Fastify answers them before any route or error handler runs.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const status =
    error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const message =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'a path parameter is too long'
      : error.code === 'FST_ERR_BAD_URL'
        ? 'the URL is malformed'
        : error.message;
  reply.status(status).send({ error: { code: 'validation_failed', message } });
}

/**
 * Answers what Node's HTTP parser refuses (headers over the size limit, a malformed request, a
 * request that arrives too slowly) in the API's error format, then closes the connection.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'payload_too_large', 'the request line or headers are too large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'validation_failed', 'the request did not arrive in time']
        : [400, 'validation_failed', 'the request is not valid HTTP'];
  const body = JSON.stringify({ error: { code, message } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
