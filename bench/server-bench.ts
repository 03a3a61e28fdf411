/**
 * The server under load, as a separate `rapport start` process on a database of `rows` messages:
 * single-message API ingest latency at a steady rate, inbox first page and full-text search
 * latency, and the server's peak RSS over the whole run.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { pct, watchPeakRss } from './stats.js';

export interface ServerBenchResult {
  ingest: {
    rate: number;
    count: number;
    p50: number;
    p99: number;
    errors: number;
    serverP50: number;
    serverP99: number;
  };
  inbox: Record<string, { p50: number; p95: number }>;
  search: { p50: number; p95: number; queries: number };
  serverPeakRssMb: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitHealthy(base: string, child: ChildProcess) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error('server exited');
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become healthy');
}

async function timed(url: string, init: RequestInit): Promise<number> {
  const t = performance.now();
  const res = await fetch(url, init);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url} → ${res.status}`);
  return performance.now() - t;
}

/** Runs the server benchmark against the database in `dataDir`. */
export async function runServerBench(
  dataDir: string,
  options: { rate: number; seconds: number },
): Promise<ServerBenchResult> {
  const env = {
    ...process.env,
    RAPPORT_DATA_DIR: dataDir,
    RAPPORT_LOG_LEVEL: 'info',
    RAPPORT_RATE_LIMIT_PER_MINUTE: '1000000',
  };
  const token = execFileSync(
    process.execPath,
    ['bin/rapport.js', 'token', 'create', '--name', `bench-${Date.now()}`, '--role', 'admin'],
    { env, stdio: ['ignore', 'pipe', 'ignore'] },
  )
    .toString()
    .trim()
    .split('\n')
    .pop()!;
  const port = await freePort();
  // the server's request log (with Fastify's responseTime) gives the server-side view of latency
  const logFile = 'bench/.tmp/server.log';
  const log = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, ['bin/rapport.js', 'start'], {
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', log, log],
  });
  const peak = watchPeakRss(child.pid!);
  const base = `http://127.0.0.1:${port}`;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  try {
    await waitHealthy(base, child);
    // warm up caches the way a running server would have them
    for (let i = 0; i < 20; i++) await timed(`${base}/api/v1/conversations`, { headers });

    const latencies: number[] = [];
    let errors = 0;
    const total = options.rate * options.seconds;
    const started = performance.now();
    const inflight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / options.rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const body = JSON.stringify({
        channel: 'bench',
        external_id: `live-${Date.now()}-${i}`,
        direction: 'inbound',
        author: { id: `u${i % 500}`, name: `Live ${i % 500}` },
        text:
          i % 3 === 0
            ? 'still no refund after two weeks, this is unacceptable'
            : `question about my order ${i}`,
        created_at: new Date().toISOString(),
        in_reply_to: i > 10 && i % 4 === 0 ? `live-prev-${i - 4}` : null,
      });
      inflight.push(
        timed(`${base}/api/v1/messages`, { method: 'POST', headers, body }).then(
          (ms) => {
            latencies.push(ms);
          },
          () => {
            errors += 1;
          },
        ),
      );
    }
    await Promise.all(inflight);

    const inbox: ServerBenchResult['inbox'] = {};
    for (const [name, query] of [
      ['default (open, by priority)', ''],
      ['negative', '?view=negative'],
      ['breaching', '?view=breaching'],
      ['waiting longest', '?sort=waiting'],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < 200; i++)
        times.push(await timed(`${base}/api/v1/conversations${query}`, { headers }));
      inbox[name] = { p50: pct(times, 50), p95: pct(times, 95) };
    }
    const terms = [
      'refund',
      'parcel never arrived',
      'router',
      'Oslo',
      'charged twice',
      'ridiculous',
      'password',
      'Nairobi 4',
      'subscription cancelled',
      'bag lost',
      'help',
      'waiting three days',
      'crash',
      'invoice wrong',
      'Tallinn',
    ];
    const searchTimes: number[] = [];
    for (let i = 0; i < 300; i++) {
      const q = encodeURIComponent(terms[i % terms.length]!);
      searchTimes.push(
        await timed(`${base}/api/v1/conversations?q=${q}&status=open,pending,snoozed,resolved`, { headers }),
      );
    }
    return {
      ingest: {
        rate: options.rate,
        count: latencies.length,
        p50: pct(latencies, 50),
        p99: pct(latencies, 99),
        errors,
        ...serverSideIngest(logFile),
      },
      inbox,
      search: { p50: pct(searchTimes, 50), p95: pct(searchTimes, 95), queries: searchTimes.length },
      serverPeakRssMb: peak.stop(),
    };
  } finally {
    peak.stop();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

/** Ingest latency as the server measured it (request parsed → response sent), from its request log. */
function serverSideIngest(file: string) {
  const entries = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line) => {
      try {
        return [
          JSON.parse(line) as {
            reqId?: string;
            req?: { method: string; url: string };
            responseTime?: number;
          },
        ];
      } catch {
        return [];
      }
    });
  const ingestIds = new Set(
    entries.filter((e) => e.req?.method === 'POST' && e.req.url === '/api/v1/messages').map((e) => e.reqId),
  );
  const times = entries
    .filter((e) => e.responseTime !== undefined && ingestIds.has(e.reqId))
    .map((e) => e.responseTime!);
  return { serverP50: pct(times, 50), serverP99: pct(times, 99) };
}
