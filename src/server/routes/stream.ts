import type { FastifyInstance } from 'fastify';
import type { Services } from '../../commands/services.js';
import type { LiveEvent } from '../../platform/live-bus.js';
import { route } from '../route.js';
import { streamRoutes } from './stream.schema.js';

/** Interval of the keep-alive comment that stops proxies closing an idle stream. */
export const PING_MS = 15_000;

/**
 * GET /api/v1/stream: Server-Sent Events of inbox changes. Each event carries ids only; clients fetch
 * what changed through the API, so the stream never leaks more than the caller could read anyway.
 */
export function registerStreamRoutes(app: FastifyInstance, services: Services) {
  route(app, streamRoutes.stream, async ({ request, reply }) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
    });
    res.write('retry: 2000\n: connected\n\n');
    const send = (event: LiveEvent) => {
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    };
    const unsubscribe = services.live.subscribe(send);
    const ping = setInterval(() => res.write(': ping\n\n'), PING_MS);
    const close = () => {
      clearInterval(ping);
      unsubscribe();
    };
    request.raw.on('close', close);
    res.on('error', close);
    return reply;
  });
}
