import type { FastifyInstance } from 'fastify';
import type { Services } from '../../commands/services.js';
import { route } from '../route.js';
import { SseWriter } from '../sse-writer.js';
import { StreamSlots } from '../stream-limits.js';
import { streamRoutes } from './stream.schema.js';

/**
 * GET /api/v1/stream: Server-Sent Events of inbox changes. Each event carries ids only; clients fetch
 * what changed through the API, so the stream never leaks more than the caller could read anyway.
 * A `ping` event every RAPPORT_STREAM_PING_MS (also first thing, with the interval in `every`) keeps
 * proxies from closing an idle stream and lets the browser notice a server that went silent.
 * One token or session holds at most RAPPORT_STREAMS_PER_CLIENT streams (429 too_many_streams).
 */
export function registerStreamRoutes(app: FastifyInstance, services: Services) {
  const slots = new StreamSlots(services.config.RAPPORT_STREAMS_PER_CLIENT);
  route(app, streamRoutes.stream, async ({ request, reply }) => {
    const release = slots.take(StreamSlots.clientOf(request));
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
    });
    const every = services.config.RAPPORT_STREAM_PING_MS;
    const alive = `event: ping\ndata: ${JSON.stringify({ type: 'ping', every })}\n\n`;
    const writer = new SseWriter(res);
    writer.writeNow(`retry: 2000\n: connected\n\n${alive}`);
    // events are gathered for a few ms and written together (see SseWriter)
    const unsubscribe = services.live.subscribe((event) => writer.send(event));
    const ping = setInterval(() => writer.writeNow(alive), every);
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(ping);
      unsubscribe();
      release();
      writer.close();
    };
    request.raw.on('close', close);
    res.on('close', close);
    res.on('error', close);
    if (res.destroyed) close(); // the client left before the stream started
    return reply;
  });
}
