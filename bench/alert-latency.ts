/**
 * Alert latency (issue 13): from a negative message arriving through the ingest API to the Web Push
 * request reaching a push service. A real server in this process (API, event listeners, job worker,
 * SQLite in a temporary folder) and a local push service that checks each request's VAPID signature
 * and decrypts its payload (tests/support/push-receiver.ts). Messages arrive paced, each from a new
 * customer, so each raises its own alert.
 *
 *   npx tsx bench/alert-latency.ts [--messages 300] [--per-second 10]
 *
 * Prints JSON with p50/p90/p99/max in ms; the target is p99 < 1 s.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configFrom } from '../src/platform/config.js';
import { startEventStream } from '../src/runtime/event-stream.js';
import { createJobWorker } from '../src/runtime/job-worker.js';
import { openServices } from '../src/runtime/services.js';
import { buildServer } from '../src/server/app.js';
import { createApiToken } from '../src/store/tokens-repo.js';
import { createUser } from '../src/store/users-repo.js';
import { pushReceiver } from '../tests/support/push-receiver.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const total = arg('messages', 300);
const perSecond = arg('per-second', 10);

const angry = [
  'This is terrible, my order arrived broken and nobody answers!',
  'Worst service ever. I want a refund now, I am furious.',
  'Your food made me sick. Disgusting and unacceptable.',
  'Still no reply after three days. Awful, useless support.',
];

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-alert-bench-'));
  const push = pushReceiver();
  await push.start();
  const services = await openServices(
    configFrom({
      RAPPORT_DATA_DIR: dataDir,
      RAPPORT_LOG_LEVEL: 'silent',
      RAPPORT_RATE_LIMIT_PER_MINUTE: '1000000',
      RAPPORT_PUSH_ALLOW_HTTP: 'true',
    }),
  );
  const events = await startEventStream(services);
  const app = await buildServer(services);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const worker = createJobWorker(services);
  worker.start();
  const db = services.db.kysely;
  const agent = await createUser(db, {
    email: 'oncall@example.test',
    name: 'On Call',
    role: 'agent',
    password: 'a long enough password',
    now: Date.now(),
  });
  const { token } = await createApiToken(db, {
    name: 'bench',
    role: 'agent',
    userId: agent.id,
    now: Date.now(),
  });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const sub = await fetch(`${base}/api/v1/push/subscriptions`, {
    method: 'POST',
    headers,
    body: JSON.stringify(push.subscription('phone')),
  });
  if (sub.status !== 201) throw new Error(`subscribe: ${sub.status} ${await sub.text()}`);

  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const started = Date.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        channel: 'generic',
        external_id: `bench-${i}`,
        direction: 'inbound',
        author: { id: `customer-${i}`, name: `Customer ${i}` },
        text: angry[i % angry.length],
        created_at: new Date().toISOString(),
      }),
    });
    const body = (await res.json()) as { results: { conversationId: number }[] };
    sentAt.set(`/c/${body.results[0]?.conversationId}`, t0);
  }
  const deadline = Date.now() + 15_000;
  while (push.received.length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  for (const p of push.received) {
    const url = (p.payload as { url: string }).url;
    const t0 = sentAt.get(url);
    if (t0 !== undefined) latencies.push(p.at - (performance.timeOrigin + t0));
  }
  latencies.sort((a, b) => a - b);
  const result = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    messages: total,
    perSecond,
    pushed: push.received.length,
    rejected: push.rejected.length,
    p50Ms: Math.round(pct(latencies, 50)),
    p90Ms: Math.round(pct(latencies, 90)),
    p99Ms: Math.round(pct(latencies, 99)),
    maxMs: Math.round(latencies.at(-1) ?? 0),
    loadAverage: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', '),
    target: 'p99 < 1000 ms',
    met: latencies.length === total && pct(latencies, 99) < 1000,
  };
  console.log(JSON.stringify(result, null, 2));
  await worker.stop();
  await app.close();
  await events.stop();
  await services.db.close();
  await push.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

await main();
