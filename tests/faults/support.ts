/**
 * Helpers of the fault suite: a database a child `rapport start` process can open on either engine,
 * the child itself, and the random points faults strike at (RAPPORT_FAULT_SEED makes a run
 * repeatable; scripts/fault-runs.ts prints the seed of each run).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { replyToConversation } from '../../src/commands/reply.js';
import type { Services } from '../../src/commands/services.js';
import { ingestMessages } from '../../src/ingest/ingest.js';
import { configFrom } from '../../src/platform/config.js';
import type { Db } from '../../src/store/database.js';
import { migrate, openDatabase } from '../../src/store/database.js';
import { systemActor } from '../../src/store/events-repo.js';
import { freshDb, pgTestUrl } from '../support/engines.js';
import { TEST_SECRET_KEY } from '../support/services.js';

/** A seeded random source (xorshift), so a failing run's fault points can be replayed. */
export function faultRandom(label: string): () => number {
  const seed = Number(process.env.RAPPORT_FAULT_SEED ?? Date.now() % 1_000_000_007);
  let x = (seed ^ [...label].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7)) >>> 0 || 1;
  console.info(`[faults] ${label}: seed ${seed}`);
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4_294_967_296;
  };
}

/** A database a child process can open too, and the environment that points it there. */
export interface SharedDatabase {
  env: Record<string, string>;
  /** The same database, open in this process (cleanup closes it). */
  db: Db;
  cleanup(): Promise<void>;
}

/** A fresh database on `engine` that a spawned `rapport` can share (a SQLite file, or a PG schema). */
export async function sharedDatabase(engine: 'sqlite' | 'postgres'): Promise<SharedDatabase> {
  const base = { RAPPORT_LOG_LEVEL: 'silent', RAPPORT_SECRET_KEY: TEST_SECRET_KEY };
  if (engine === 'sqlite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-faults-'));
    const env = { ...base, RAPPORT_DATA_DIR: dataDir };
    const db = await openDatabase(configFrom(env));
    await migrate(db);
    const cleanup = async () => {
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    };
    return { env, db, cleanup };
  }
  const owner = await freshDb('postgres');
  const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(owner.kysely)).rows[0]!.s;
  const url = `${pgTestUrl()}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const env = {
    ...base,
    DATABASE_URL: url,
    RAPPORT_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-faults-')),
  };
  return {
    env,
    db: owner,
    cleanup: async () => {
      await owner.close();
      fs.rmSync(env.RAPPORT_DATA_DIR, { recursive: true, force: true });
    },
  };
}

/** Runs `rapport start` (server, worker, listeners) in a child process with `env`. */
export function startRapport(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'start'], {
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
}

/** Kills a child with SIGKILL and waits for it to be gone. */
export async function killHard(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await gone;
}

const agent = { type: 'user' as const, id: 1, userId: null, name: 'Alex Agent' };

/** Stores `n` customer messages and queues a reply to each; returns the reply texts. */
export async function queueReplies(services: Services, n: number): Promise<string[]> {
  const texts: string[] = [];
  for (let i = 1; i <= n; i++) {
    const report = await ingestMessages(
      services,
      [
        {
          channel: 'twitter',
          external_id: `c${i}`,
          direction: 'inbound',
          author: { id: `u${i}`, handle: `u${i}`, name: `Person ${i}` },
          text: `Question ${i}`,
          created_at: services.clock.now(),
        },
      ],
      systemActor,
    );
    texts.push(`Answer ${i}`);
    await replyToConversation(services, agent, report.results[0]!.conversationId, `Answer ${i}`);
  }
  return texts;
}
