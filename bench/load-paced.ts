/**
 * The load benchmark's paced and fan-out runs. `pacedRun` sends requests at a steady rate (open
 * loop: each request leaves at its due time whatever the earlier ones are doing, and its latency
 * counts from that due time, so a stalled server cannot hide its stall by slowing the client down).
 * `fanOut` ingests through autocannon while SSE subscribers in another process listen, and checks
 * that every subscriber got every message and how long after the POST was sent the last one got it.
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { type Step, step } from './load-cases.js';
import { loopDelayBetween, type RunningServer } from './load-server.js';
import { pct } from './stats.js';

/** What a paced run measured. */
export interface PacedResult {
  rate: number;
  seconds: number;
  sent: number;
  p50: number;
  p99: number;
  max: number;
  over500: number;
  errors: number;
  /** What the errors were: HTTP statuses and connection error codes, with counts. */
  errorKinds: Record<string, number>;
  loopMaxMs: number;
}

function send(
  agent: http.Agent,
  server: RunningServer,
  request: { method: string; path: string; body?: string },
) {
  return new Promise<number>((resolve, reject) => {
    const req = http.request(
      `${server.base}${request.path}`,
      {
        method: request.method,
        agent,
        headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}

/** Sends `build(n)` at `rate` per second for `seconds`, each timed from when it was due. */
export async function pacedRun(
  server: RunningServer,
  build: (n: number) => { method: 'GET' | 'POST'; path: string; body?: string },
  rate: number,
  seconds: number,
): Promise<PacedResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  let errors = 0;
  const errorKinds: Record<string, number> = {};
  const failed = (kind: string) => {
    errors += 1;
    errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
  };
  const total = rate * seconds;
  const startedAt = Date.now();
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inflight.push(
      send(agent, server, build(1_000_000_000 + i)).then(
        (status) => {
          if (status >= 400) failed(String(status));
          latencies.push(performance.now() - due);
        },
        (error: NodeJS.ErrnoException) => failed(error.code ?? error.message),
      ),
    );
  }
  await Promise.all(inflight);
  agent.destroy();
  return {
    rate,
    seconds,
    sent: total,
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    max: Math.max(...latencies),
    over500: latencies.filter((l) => l > 500).length,
    errors,
    errorKinds,
    loopMaxMs: loopDelayBetween(server.loopFile, startedAt, Date.now()).maxMs,
  };
}

/** Runs `body` while `count` SSE streams (in another process) listen to the server. */
export async function withStreams<T>(
  server: RunningServer,
  count: number,
  body: () => Promise<T>,
): Promise<T> {
  const clients = fork(
    path.resolve('bench/sse-clients.mjs'),
    [`${server.base}/api/v1/stream`, server.token, String(count)],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const first = await new Promise<FromClients>((resolve) =>
    clients.once('message', (m) => resolve(m as FromClients)),
  );
  try {
    if (first.type !== 'ready') throw new Error(`SSE subscribers: ${JSON.stringify(first)}`);
    return await body();
  } finally {
    clients.send('exit');
  }
}

/** One fan-out step: ingest at `connections` while `subscribers` streams listen. */
export interface FanOutStep extends Step {
  subscribers: number;
  /** Events that reached the subscribers, against messages inserted × subscribers. */
  delivered: number;
  expected: number;
  /** From a POST being sent to the last subscriber having its message: p50 / p99 / max ms. */
  deliveryP50: number;
  deliveryP99: number;
  deliveryMax: number;
}

type FromClients =
  | { type: 'ready' }
  | { type: 'error'; message: string }
  | { type: 'report'; perStream: number[]; arrivals: [number, number][] };

/** Climbs the ingest ladder with `subscribers` SSE streams open, until delivery or ingest misses 100 ms. */
export async function fanOut(
  server: RunningServer,
  build: (n: number) => { method: 'GET' | 'POST'; path: string; body?: string },
  options: { subscribers: number; ladder: number[]; seconds: number; log: (s: string) => void },
): Promise<{ steps: FanOutStep[]; held: FanOutStep | null }> {
  const clients = fork(
    path.resolve('bench/sse-clients.mjs'),
    [`${server.base}/api/v1/stream`, server.token, String(options.subscribers)],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const next = () =>
    new Promise<FromClients>((resolve) => clients.once('message', (m) => resolve(m as FromClients)));
  const first = await next();
  if (first.type !== 'ready') throw new Error(`SSE subscribers: ${JSON.stringify(first)}`);
  const steps: FanOutStep[] = [];
  let held: FanOutStep | null = null;
  try {
    for (const connections of options.ladder) {
      clients.send('reset');
      const sentAt = new Map<number, number>();
      const messageSent = new Map<number, number>();
      const s = await step(server, build, connections, options.seconds, {
        onSent: (n) => sentAt.set(n, performance.timeOrigin + performance.now()),
        onBody: (body, n) => {
          const id = (JSON.parse(body) as { results?: { messageId: number }[] }).results?.[0]?.messageId;
          const at = sentAt.get(n);
          if (id !== undefined && at !== undefined) messageSent.set(id, at);
        },
      });
      await new Promise((r) => setTimeout(r, 1500)); // let the last events arrive
      clients.send('report');
      const report = await next();
      if (report.type !== 'report') throw new Error(`SSE subscribers: ${JSON.stringify(report)}`);
      const delays = report.arrivals.flatMap(([id, at]) => {
        const sent = messageSent.get(id);
        return sent === undefined ? [] : [at - sent];
      });
      const { result: _result, ...rest } = s;
      const fan: FanOutStep = {
        ...rest,
        subscribers: options.subscribers,
        delivered: report.perStream.reduce((a, b) => a + b, 0),
        expected: messageSent.size * options.subscribers,
        deliveryP50: pct(delays, 50),
        deliveryP99: pct(delays, 99),
        deliveryMax: Math.max(...delays),
      };
      steps.push(fan);
      options.log(
        `fan-out c=${connections} × ${options.subscribers} streams: ${fan.rps.toFixed(0)} msg/s, ingest p99 ${fan.p99} ms, delivered ${fan.delivered}/${fan.expected}, delivery p99 ${fan.deliveryP99.toFixed(0)} max ${fan.deliveryMax.toFixed(0)} ms, loop max ${fan.loopMaxMs.toFixed(0)} ms`,
      );
      const ok = fan.p99 < 100 && fan.errors === 0 && fan.delivered >= fan.expected && fan.deliveryP99 < 100;
      if (ok && (!held || fan.rps > held.rps)) held = fan;
      if (!ok) break;
    }
  } finally {
    clients.send('exit');
  }
  return { steps, held };
}
