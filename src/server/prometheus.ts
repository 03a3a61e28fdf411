import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Services } from '../commands/services.js';
import { AppError, UnauthenticatedError } from '../platform/errors.js';
import { sameSecret } from '../platform/secrets.js';
import { listenerStatus } from '../runtime/event-stream.js';
import { channelAccountStatuses, messagesStoredMark, queueSnapshot } from '../store/operations-repo.js';
import { bearerToken } from './auth/plugin.js';

/**
 * One server's Prometheus registry: the process's own metrics (memory, CPU, event-loop lag), HTTP
 * latency per route, and gauges read from the database at each scrape (job queue, listener lag,
 * channel accounts, messages stored). The database figures are the cluster's, the same from every
 * process; HTTP and process figures are this process's.
 */
export function createMetrics(app: FastifyInstance, services: Services): Registry {
  const register = new Registry();
  collectDefaultMetrics({ register, prefix: 'rapport_process_' });
  const db = services.db.kysely;

  const http = new Histogram({
    name: 'rapport_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status class',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [register],
  });
  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions.url ?? 'unmatched'; // the pattern, never the raw URL (bounded labels)
    if (route === '/metrics') return;
    const status = `${Math.floor(reply.statusCode / 100)}xx`;
    http.observe({ method: request.method, route, status }, reply.elapsedTime / 1000);
  });

  new Gauge({
    name: 'rapport_jobs',
    help: 'Jobs waiting, running or failed, by queue and status',
    labelNames: ['queue', 'status'] as const,
    registers: [register],
    async collect() {
      this.reset();
      const snapshot = await queueSnapshot(db, services.clock.now());
      for (const c of snapshot.counts) this.set({ queue: c.queue, status: c.status }, c.n);
      lag.set(snapshot.oldestDueMs / 1000);
    },
  });
  const lag = new Gauge({
    name: 'rapport_jobs_lag_seconds',
    help: 'How long the most overdue pending job has been due (0 when the queue keeps up)',
    registers: [register],
  });
  new Gauge({
    name: 'rapport_listener_lag_events',
    help: 'Events each event-stream listener has still to handle',
    labelNames: ['listener'] as const,
    registers: [register],
    async collect() {
      this.reset();
      failures.reset();
      // the same figures as `rapport events status`: events of each listener's types still to handle
      for (const r of await listenerStatus(services)) {
        this.set({ listener: r.name }, r.lagEvents);
        failures.set({ listener: r.name }, r.failures);
      }
    },
  });
  const failures = new Gauge({
    name: 'rapport_listener_failures',
    help: 'Consecutive failures of each listener (0 when healthy)',
    labelNames: ['listener'] as const,
    registers: [register],
  });
  new Gauge({
    name: 'rapport_channel_accounts',
    help: 'Channel accounts by channel and status (broken ones need an operator)',
    labelNames: ['channel', 'status'] as const,
    registers: [register],
    async collect() {
      this.reset();
      for (const r of await channelAccountStatuses(db))
        this.set({ channel: r.channel, status: r.status }, r.n);
    },
  });
  new Counter({
    name: 'rapport_messages_stored_total',
    help: 'Messages stored (the highest message id; rate() of it is the ingest rate)',
    registers: [register],
    async collect() {
      const mark = await messagesStoredMark(db);
      if (mark > counted) this.inc(mark - counted);
      counted = Math.max(counted, mark);
    },
  });
  let counted = 0;
  return register;
}

/**
 * Checks a scrape's bearer token against RAPPORT_METRICS_TOKEN: metrics are off (not found) until
 * the token is set, and a missing or wrong token is unauthenticated.
 */
export function checkMetricsToken(expected: string | undefined, header: string | undefined): void {
  if (!expected)
    throw new AppError('not_found', 'metrics are off: set RAPPORT_METRICS_TOKEN to turn them on');
  const sent = bearerToken(header);
  if (!sent || !sameSecret(sent, expected)) throw new UnauthenticatedError('missing or wrong metrics token');
}
