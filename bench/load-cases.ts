/**
 * The load benchmark's cases, driven by autocannon from the benchmark's process against the server's
 * process: single-message API ingest, the inbox list, full-text search, and SSE fan-out (ingest while
 * subscribers listen). Each case climbs a ladder of concurrency (closed loop: autocannon keeps that
 * many requests in flight) and reports every step; the rate a case holds is the best throughput of a
 * step with p99 under its target and no errors. autocannon's own `overallRate` pacing sends each
 * second's share in a burst and "corrects" latencies against a 1 ms interval, so paced runs use
 * `pacedRun` (load-paced.ts) instead.
 */
import os from 'node:os';
import autocannon from 'autocannon';
import { cpuMs, loopDelayBetween, type RunningServer } from './load-server.js';

/** One rung of a ladder: what autocannon measured, and the server's worst event-loop delay meanwhile. */
export interface Step {
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  loopMaxMs: number;
  /** The server's CPU time (user + system) per request answered. */
  serverCpuMsPerRequest: number;
  /** One-minute load average of the machine when the step ended. */
  load1: number;
}

/** A case's ladder and the best throughput held within its p99 target with no errors. */
export interface CaseResult {
  name: string;
  p99TargetMs: number;
  steps: Step[];
  held: Step | null;
}

const searchTerms = [
  'refund',
  'parcel never arrived',
  'router',
  'Oslo',
  'charged twice',
  'ridiculous',
  'password',
  'subscription',
  'bag lost',
  'waiting three days',
  'crashing',
  'invoice wrong',
  'Tallinn',
];

/** A request autocannon sends, built afresh for each send. */
type Build = (n: number) => { method: 'GET' | 'POST'; path: string; body?: string };

/** Single-message API ingest: new external ids, in threads of five (each a reply to the one before). */
export const ingestRequest: Build = (n) => ({
  method: 'POST',
  path: '/api/v1/messages',
  body: JSON.stringify({
    channel: 'load',
    external_id: `load-${process.pid}-${n}`,
    direction: 'inbound',
    author: { id: `u${n % 500}`, name: `Load ${n % 500}` },
    text:
      n % 3 === 0 ? 'still no refund after two weeks, this is unacceptable' : `question about my order ${n}`,
    created_at: new Date().toISOString(),
    in_reply_to: n % 5 !== 0 ? `load-${process.pid}-${n - 1}` : null,
  }),
});

/** The health check: no auth, no work; the HTTP ceiling of this machine at this moment (the run's baseline). */
export const healthRequest: Build = () => ({ method: 'GET', path: '/api/health' });

/** The inbox's first page, alternating the views an agent switches between. */
export const inboxRequest: Build = (n) => ({
  method: 'GET',
  path: [
    '/api/v1/conversations',
    '/api/v1/conversations?view=negative',
    '/api/v1/conversations?sort=waiting',
  ][n % 3]!,
});

/** Full-text search over every status. */
export const searchRequest: Build = (n) => ({
  method: 'GET',
  path: `/api/v1/conversations?q=${encodeURIComponent(searchTerms[n % searchTerms.length]!)}&status=open,pending,snoozed,resolved`,
});

let counter = 0;

/** Runs one step: `connections` requests kept in flight for `seconds`, at most `maxRequests` in all. */
export async function step(
  server: RunningServer,
  build: Build,
  connections: number,
  seconds: number,
  hooks: { onSent?: (n: number) => void; onBody?: (body: string, n: number) => void } = {},
): Promise<Step & { result: autocannon.Result }> {
  const started = Date.now();
  const cpuBefore = cpuMs(server.child.pid!);
  const result = await autocannon({
    url: server.base,
    connections,
    duration: seconds,
    // bounded in count as well as time: no more than 5,000 requests a second on average
    maxOverallRequests: seconds * 5000,
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    requests: [
      {
        setupRequest(request, context) {
          const n = counter++;
          (context as { n?: number }).n = n;
          hooks.onSent?.(n);
          return { ...request, ...build(n) };
        },
        onResponse(_status, body, context) {
          hooks.onBody?.(body, (context as { n: number }).n);
        },
      },
    ],
  });
  const loop = loopDelayBetween(server.loopFile, started, Date.now());
  return {
    connections,
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors + result.timeouts + result.non2xx,
    loopMaxMs: loop.maxMs,
    serverCpuMsPerRequest: (cpuMs(server.child.pid!) - cpuBefore) / Math.max(1, result.requests.total),
    load1: os.loadavg()[0]!,
    result,
  };
}

/**
 * Climbs `ladder` (connections) until a step misses the p99 target, errs, or stops gaining
 * throughput, and returns every step with the best one held.
 */
export async function climb(
  name: string,
  server: RunningServer,
  build: Build,
  options: { ladder: number[]; seconds: number; p99TargetMs: number; log: (s: string) => void },
): Promise<CaseResult> {
  const steps: Step[] = [];
  let held: Step | null = null;
  for (const connections of options.ladder) {
    const { result: _result, ...s } = await step(server, build, connections, options.seconds);
    steps.push(s);
    options.log(
      `${name} c=${connections}: ${s.rps.toFixed(0)} req/s, p50 ${s.p50} p99 ${s.p99} max ${s.max} ms, ${s.errors} errors, server CPU ${s.serverCpuMsPerRequest.toFixed(2)} ms/request, loop max ${s.loopMaxMs.toFixed(0)} ms`,
    );
    const ok = s.p99 < options.p99TargetMs && s.errors === 0;
    if (ok && (!held || s.rps > held.rps)) held = s;
    if (!ok) break;
    const previous = steps.at(-2);
    if (previous && s.rps < previous.rps * 1.05) break; // saturated: more connections only queue
  }
  return { name, p99TargetMs: options.p99TargetMs, steps, held };
}
