import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/database.js';
import { createApiToken } from '../../src/store/tokens-repo.js';
import { createUser } from '../../src/store/users-repo.js';
import { freshDb, pgTestUrl } from '../support/engines.js';
import { TEST_SECRET_KEY } from '../support/services.js';

const MAIN = path.resolve('src/cli/main.ts');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** `rapport start` in its own process, on the test's PostgreSQL schema. */
async function startRapport(schema: string): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'start'], {
    env: {
      ...process.env,
      DATABASE_URL: pgTestUrl(),
      RAPPORT_PG_SCHEMA: schema,
      PORT: String(port),
      HOST: '127.0.0.1',
      RAPPORT_LOG_LEVEL: 'warn',
      RAPPORT_SECRET_KEY: TEST_SECRET_KEY,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (chunk) => {
      err += String(chunk);
      if (err.includes('Rapport is listening')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`rapport start exited (${code}): ${err}`)));
  });
  return { child, base: `http://127.0.0.1:${port}` };
}

/** An SSE client: collects `event:`/`data:` pairs as they arrive, with their arrival time. */
function openStream(base: string, token: string) {
  const events: { type: string; data: Record<string, unknown>; at: number }[] = [];
  let buffer = '';
  let request: http.ClientRequest | undefined;
  const connected = new Promise<void>((resolve, reject) => {
    request = http.get(`${base}/api/v1/stream`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`stream answered ${res.statusCode}`));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        if (buffer.includes(': connected')) resolve();
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (type && data) events.push({ type, data: JSON.parse(data), at: Date.now() });
          end = buffer.indexOf('\n\n');
        }
      });
    });
    request.on('error', reject);
  });
  return { events, connected, close: () => request?.destroy() };
}

async function until<T>(what: string, find: () => T | undefined, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  while (true) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

describe.runIf(pgTestUrl())('two rapport processes on one PostgreSQL database', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('a message posted to one reaches an SSE client of the other within 1 s', {
    timeout: 120_000,
  }, async () => {
    const db: Db = await freshDb('postgres');
    cleanups.push(() => db.close());
    const now = Date.now();
    const agent = await createUser(db.kysely, {
      email: 'agent@example.test',
      name: 'Alex Agent',
      role: 'agent',
      password: 'correct horse battery',
      now,
    });
    const { token } = await createApiToken(db.kysely, { name: 'test', role: 'agent', userId: agent.id, now });

    const [a, b] = await Promise.all([startRapport(db.schema!), startRapport(db.schema!)]);
    cleanups.push(
      () => stop(a.child),
      () => stop(b.child),
    );
    const stream = openStream(b.base, token);
    cleanups.push(() => {
      stream.close();
    });
    await stream.connected;

    const post = async (n: number) => {
      const started = Date.now();
      const res = await fetch(`${a.base}/api/v1/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          channel: 'generic',
          external_id: `m${n}`,
          direction: 'inbound',
          author: { id: `customer-${n}` },
          text: `my parcel ${n} never arrived`,
          created_at: new Date().toISOString(),
        }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { results: { messageId: number; conversationId: number }[] };
      return { started, ...body.results[0]! };
    };
    const arrival = (messageId: number, ms: number) =>
      until(
        `message ${messageId} on the other process's stream`,
        () => stream.events.find((e) => e.type === 'message.created' && e.data.messageId === messageId),
        ms,
      );

    // the first request warms process A up (its triage model loads on first use)
    const first = await post(1);
    await arrival(first.messageId, 15_000);

    const second = await post(2);
    const event = await arrival(second.messageId, 1000);
    expect(event.at - second.started).toBeLessThan(1000);
    // the payload is the one a client of process A itself would have got
    expect(event.data).toEqual({
      type: 'message.created',
      conversationId: second.conversationId,
      messageId: second.messageId,
      direction: 'inbound',
      sentiment: expect.any(String),
      priority: expect.any(Number),
    });
    expect(Object.keys(event.data)).toEqual([
      'type',
      'conversationId',
      'messageId',
      'direction',
      'sentiment',
      'priority',
    ]);
    await until(
      'the conversation update',
      () =>
        stream.events.find(
          (e) => e.type === 'conversation.updated' && e.data.conversationId === second.conversationId,
        ),
      1000,
    );
  });
});
