import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { configFrom } from '../../src/platform/config.js';
import { createJobWorker } from '../../src/runtime/job-worker.js';
import { openServices } from '../../src/runtime/services.js';
import type { Db } from '../../src/store/database.js';
import { eventually } from '../support/channel-contract.js';
import { freshDb, pgTestUrl, testEngines } from '../support/engines.js';
import { TEST_SECRET_KEY } from '../support/services.js';
import { controllableReceiver } from '../support/webhook-receiver.js';
import { queueReplies } from './support.js';

describe.each(testEngines)('outbound sends under faults on %s', (engine) => {
  const receiver = controllableReceiver();
  let url = '';
  let db: Db | undefined;
  let child: ChildProcess | undefined;
  const dirs: string[] = [];
  beforeAll(async () => {
    url = await receiver.start();
  });
  afterAll(async () => {
    await receiver.stop();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    child?.kill('SIGKILL');
    child = undefined;
    await db?.close();
    db = undefined;
    receiver.seen.length = 0;
    receiver.setDelay(0);
    receiver.release();
  });

  it('a timeout is an unknown outcome: the same delivery goes again and is never marked failed', async () => {
    db = await freshDb(engine);
    const clock = new ManualClock(Date.UTC(2026, 10, 4, 9));
    const config = configFrom({
      RAPPORT_LOG_LEVEL: 'silent',
      RAPPORT_SECRET_KEY: TEST_SECRET_KEY,
      RAPPORT_GENERIC_WEBHOOK_URL: url,
      RAPPORT_WEBHOOK_TIMEOUT_MS: '300',
      RAPPORT_OUTBOUND_MAX_ATTEMPTS: '2',
    });
    const services = await openServices(config, { openDb: db, clock });
    const worker = createJobWorker(services);
    await queueReplies(services, 1);
    receiver.setDelay(800); // slower than the timeout: each delivery arrives, no answer in time
    for (let round = 0; round < 3; round++) {
      await worker.drain();
      const message = await db.kysely
        .selectFrom('messages')
        .select(['delivery_status', 'delivery_error'])
        .where('direction', '=', 'outbound')
        .executeTakeFirstOrThrow();
      expect(message.delivery_status).toBe('queued');
      expect(message.delivery_error).toMatch(/did not confirm delivery .* same x-rapport-delivery id/);
      clock.advance(3_600_000);
    }
    receiver.setDelay(0);
    expect(await worker.drain()).toBe(1);
    const sent = await db.kysely
      .selectFrom('messages')
      .select(['delivery_status', 'external_id'])
      .where('direction', '=', 'outbound')
      .executeTakeFirstOrThrow();
    expect(sent.delivery_status).toBe('sent');
    await eventually(async () => receiver.seen.length === 4, 5000, 'the late answers');
    expect(new Set(receiver.seen.map((d) => d.id)).size).toBe(1); // one delivery id throughout
    await worker.stop();
  });

  it('after kill -9 mid-send, the unclaimed replies go at once and the one in flight within a lease', async () => {
    let dataDir = '';
    let databaseUrl = '';
    if (engine === 'postgres') {
      db = await freshDb('postgres');
      const schema = (
        await db.kysely
          .selectNoFrom((eb) => eb.fn<string>('current_schema', []).as('s'))
          .executeTakeFirstOrThrow()
      ).s;
      databaseUrl = `${pgTestUrl()}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    } else {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-faults-'));
      dirs.push(dataDir);
    }
    const env = {
      ...process.env,
      RAPPORT_LOG_LEVEL: 'silent',
      RAPPORT_SECRET_KEY: TEST_SECRET_KEY,
      RAPPORT_GENERIC_WEBHOOK_URL: url,
      RAPPORT_JOB_LEASE_MS: '2000',
      PORT: '0',
      ...(engine === 'postgres' ? { DATABASE_URL: databaseUrl } : { RAPPORT_DATA_DIR: dataDir }),
    };
    const setup = await openServices(configFrom(env), engine === 'postgres' ? { openDb: db } : {});
    const texts = await queueReplies(setup, 7);
    if (engine === 'sqlite') await setup.db.close();
    const start = () =>
      spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'start'], { env, stdio: 'ignore' });

    receiver.hold(); // the receiver takes requests and never answers
    child = start();
    await eventually(async () => receiver.seen.length >= 1, 60_000, 'the first send');
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGKILL');
    await new Promise((r) => child?.once('exit', r));
    const inFlight = receiver.seen.length;

    receiver.release(); // answers at once from now on
    child = start();
    const acknowledged = () => new Set(receiver.seen.filter((d) => d.acknowledged).map((d) => d.text));
    await eventually(async () => acknowledged().size === texts.length, 60_000, 'every reply delivered');
    // no reply waited out a long lease: those never claimed go at once, the ones in flight within
    // one (2 s here) after the crash
    const afterRestart = receiver.seen.slice(inFlight);
    expect(afterRestart.at(-1)!.at - afterRestart[0]!.at).toBeLessThan(15_000);
    // every delivery acknowledged exactly once; a resend keeps its delivery id
    const acks = receiver.seen.filter((d) => d.acknowledged).map((d) => d.id);
    expect(new Set(acks).size).toBe(acks.length);
    expect(acks).toHaveLength(texts.length);
  }, 150_000);
});
