/**
 * Helpers of the cluster suite: several real `rapport start` processes (child processes) on one
 * PostgreSQL schema, an SSE client, and a signed-in agent's API token.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../src/store/database.js';
import { createApiToken } from '../../src/store/tokens-repo.js';
import { createUser } from '../../src/store/users-repo.js';
import { freePort } from '../support/dovecot.js';
import { freshDb, pgTestUrl } from '../support/engines.js';
import { TEST_SECRET_KEY } from '../support/services.js';

const MAIN = path.resolve('src/cli/main.ts');

/** Why the cluster suites do not run without PostgreSQL. */
export const SKIP_REASON = 'needs RAPPORT_TEST_DATABASE_URL: a cluster shares one PostgreSQL database';

/** One `rapport start` process of the cluster. */
export interface Node {
  child: ChildProcess;
  base: string;
  /** What it wrote to stderr so far (warnings and the start line). */
  stderr(): string;
}

/** The shared schema, an agent's API token, and the processes started on it (closed by `close`). */
export interface Cluster {
  db: Db;
  token: string;
  env: Record<string, string>;
  start(options?: { role?: 'all' | 'web' | 'worker'; env?: Record<string, string> }): Promise<Node>;
  close(): Promise<void>;
}

/** A fresh PostgreSQL schema with one agent, ready for processes to be started on it. */
export async function cluster(): Promise<Cluster> {
  const db = await freshDb('postgres');
  const now = Date.now();
  const agent = await createUser(db.kysely, {
    email: 'agent@example.test',
    name: 'Alex Agent',
    role: 'agent',
    password: 'correct horse battery',
    now,
  });
  const { token } = await createApiToken(db.kysely, { name: 'test', role: 'agent', userId: agent.id, now });
  const env: Record<string, string> = {
    DATABASE_URL: pgTestUrl()!,
    RAPPORT_PG_SCHEMA: db.schema!,
    HOST: '127.0.0.1',
    RAPPORT_LOG_LEVEL: 'warn',
    RAPPORT_SECRET_KEY: TEST_SECRET_KEY,
    RAPPORT_CHANNEL_RECONCILE_MS: '1000',
  };
  const nodes: Node[] = [];
  const dirs: string[] = [];
  return {
    db,
    token,
    env,
    async start(options = {}) {
      const port = await freePort();
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-cluster-'));
      dirs.push(dataDir);
      const args = ['--import', 'tsx', MAIN, 'start', ...(options.role ? ['--role', options.role] : [])];
      const child = spawn(process.execPath, args, {
        env: { ...process.env, ...env, PORT: String(port), RAPPORT_DATA_DIR: dataDir, ...options.env },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err = '';
      const node: Node = { child, base: `http://127.0.0.1:${port}`, stderr: () => err };
      nodes.push(node);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`rapport start did not come up: ${err}`)), 150_000);
        child.stderr!.on('data', (chunk) => {
          err += String(chunk);
          if (/Rapport is listening|Rapport worker is running/.test(err)) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`rapport start exited (${code}): ${err}`));
        });
      });
      return node;
    },
    async close() {
      await Promise.all(nodes.map((n) => killHard(n.child)));
      await db.close();
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Kills a child with SIGKILL and waits for it to be gone. */
export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await gone;
}

/** An SSE client of /api/v1/stream: collects events as they arrive, with their arrival time. */
export function openStream(base: string, token: string) {
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

/** Waits (polling every 5 ms) until `find` returns something. */
export async function until<T>(what: string, find: () => T | undefined, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  while (true) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
