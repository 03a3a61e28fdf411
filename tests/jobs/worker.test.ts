import { afterEach, describe, expect, it } from 'vitest';
import type { JobProcessors } from '../../src/jobs/kinds.js';
import { claimDueJobs, enqueueJob } from '../../src/jobs/queue.js';
import { JobWorker } from '../../src/jobs/worker.js';
import { ManualClock } from '../../src/platform/clock.js';
import { configFrom } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';
import type { Db } from '../../src/store/database.js';
import { eventually } from '../support/channel-contract.js';
import { freshDb, testEngines } from '../support/engines.js';

/**
 * A processor whose jobs each wait until the test releases them, recording what started; after
 * releaseAll every job, later ones too, finishes at once.
 */
function gatedProcessors() {
  const started: number[] = [];
  const gates = new Map<number, () => void>();
  let open = false;
  const run = (messageId: number) =>
    new Promise<void>((resolve) => {
      started.push(messageId);
      if (open) resolve();
      else gates.set(messageId, resolve);
    });
  const processors: JobProcessors = {
    'outbound.send': (_job, { messageId }) => run(messageId),
    'outbound.engage': (_job, { messageId }) => run(messageId),
    'alert.deliver': (_job, { deliveryId }) => run(deliveryId),
    'alert.escalate': (_job, { alertId }) => run(alertId),
  };
  const release = (messageId: number) => gates.get(messageId)?.();
  const releaseAll = () => {
    open = true;
    for (const resolve of gates.values()) resolve();
  };
  return { started, processors, release, releaseAll };
}

describe.each(testEngines)('job worker on %s', (engine) => {
  let db: Db;
  let worker: JobWorker | undefined;
  const clock = new ManualClock(Date.UTC(2026, 10, 3, 9));
  const logger = createLogger(configFrom({ RAPPORT_LOG_LEVEL: 'silent' }));
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    await db?.close();
  });

  const enqueue = (messageId: number, group: string) =>
    enqueueJob(db.kysely, {
      kind: 'outbound.send',
      payload: { messageId },
      now: clock.now(),
      maxAttempts: 3,
      group,
    });
  const statuses = async () =>
    (await db.kysely.selectFrom('jobs').select(['status']).orderBy('id').execute()).map((j) => j.status);

  it('claims only the jobs it is about to run, so a crash strands nothing else', async () => {
    db = await freshDb(engine);
    for (let i = 1; i <= 7; i++) await enqueue(i, 'channel:generic');
    const gated = gatedProcessors();
    worker = new JobWorker({ db, clock, logger }, gated.processors, { concurrency: 8, perGroup: 2 });
    worker.start();
    await eventually(async () => gated.started.length === 2, 5000, 'two sends in flight');
    // the other five are still free for any worker to take (a crash here would strand only two)
    expect((await statuses()).filter((s) => s === 'running')).toHaveLength(2);
    expect((await statuses()).filter((s) => s === 'pending')).toHaveLength(5);
    gated.release(gated.started[0]!);
    await eventually(async () => gated.started.length === 3, 5000, 'the next send');
    gated.releaseAll();
  });

  it('a slow account holds only its own sends; others go out meanwhile', async () => {
    db = await freshDb(engine);
    for (let i = 1; i <= 4; i++) await enqueue(i, 'account:1');
    for (let i = 11; i <= 13; i++) await enqueue(i, 'account:2');
    const gated = gatedProcessors();
    worker = new JobWorker({ db, clock, logger }, gated.processors, { concurrency: 8, perGroup: 2 });
    worker.start();
    await eventually(async () => gated.started.length === 4, 5000, 'sends of both accounts');
    expect(gated.started.filter((id) => id < 10)).toHaveLength(2);
    expect(gated.started.filter((id) => id > 10)).toHaveLength(2);
    for (const id of [11, 12]) gated.release(id);
    await eventually(async () => gated.started.includes(13), 5000, 'the second account goes on');
    expect(gated.started.filter((id) => id < 10)).toHaveLength(2); // the slow one still holds its two
    gated.releaseAll();
  });

  it('renews the lease of a job that runs long, so no other worker takes it over', async () => {
    db = await freshDb(engine);
    await enqueue(1, 'channel:generic');
    const gated = gatedProcessors();
    worker = new JobWorker({ db, clock, logger }, gated.processors, { leaseMs: 1500 });
    worker.start();
    await eventually(async () => gated.started.length === 1, 5000, 'the send');
    clock.advance(1200);
    await new Promise((r) => setTimeout(r, 700)); // a renewal (every 500 ms) happens meanwhile
    clock.advance(1000); // past the first lease, within the renewed one
    expect(await claimDueJobs(db.kysely, db.engine, clock.now(), 10)).toEqual([]);
    gated.releaseAll();
  });

  it('fails a job of an unknown kind or with a payload its kind refuses, at once and with why', async () => {
    db = await freshDb(engine);
    const now = clock.now();
    const row = {
      status: 'pending' as const,
      attempts: 0,
      max_attempts: 5,
      run_at: now,
      locked_until: null,
      last_error: null,
      created_at: now,
      updated_at: now,
    };
    await db.kysely
      .insertInto('jobs')
      .values([
        { ...row, queue: 'outbound.fax', payload_json: '{}' },
        { ...row, queue: 'outbound.send', payload_json: '{"messageId":"x"}' },
      ])
      .execute();
    worker = new JobWorker({ db, clock, logger }, gatedProcessors().processors);
    expect(await worker.drain()).toBe(2);
    const jobs = await db.kysely.selectFrom('jobs').select(['status', 'last_error']).orderBy('id').execute();
    expect(jobs).toEqual([
      { status: 'failed', last_error: 'no processor for job kind outbound.fax' },
      { status: 'failed', last_error: 'invalid payload for job kind outbound.send' },
    ]);
  });
});
