/**
 * A 5xx storm at the webhook receiver, of random length and status, on both engines (issue 21's
 * fault suite): every reply is delivered and acknowledged exactly once, keeps one delivery id
 * through its retries, ends `sent`, and no retry waits longer than its backoff allows.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backoffMs } from '../../src/jobs/queue.js';
import { configFrom } from '../../src/platform/config.js';
import { createJobWorker } from '../../src/runtime/job-worker.js';
import { openServices } from '../../src/runtime/services.js';
import type { Db } from '../../src/store/database.js';
import { eventually } from '../support/channel-contract.js';
import { freshDb, testEngines } from '../support/engines.js';
import { TEST_SECRET_KEY } from '../support/services.js';
import { controllableReceiver } from '../support/webhook-receiver.js';
import { faultRandom, queueReplies } from './support.js';

const BASE_DELAY_MS = 40;
/** What a busy 2-core machine may add to a retry beyond its backoff (claiming, the worker's poll). */
const SLACK_MS = 1500;

describe.each(testEngines)('a 5xx storm at the receiver on %s', (engine) => {
  const receiver = controllableReceiver();
  let url = '';
  let db: Db | undefined;
  beforeAll(async () => {
    url = await receiver.start();
  });
  afterAll(() => receiver.stop());
  afterEach(async () => {
    await db?.close();
    db = undefined;
    receiver.seen.length = 0;
    receiver.release();
  });

  it('delivers each reply once, within its retry schedule', async () => {
    const random = faultRandom(`storm ${engine}`);
    db = await freshDb(engine);
    const services = await openServices(
      configFrom({
        RAPPORT_LOG_LEVEL: 'silent',
        RAPPORT_SECRET_KEY: TEST_SECRET_KEY,
        RAPPORT_GENERIC_WEBHOOK_URL: url,
        RAPPORT_OUTBOUND_BASE_DELAY_MS: String(BASE_DELAY_MS),
        RAPPORT_OUTBOUND_MAX_ATTEMPTS: '50',
      }),
      { openDb: db },
    );
    const texts = await queueReplies(services, 6);
    const storm = 10 + Math.floor(random() * 25);
    receiver.failNext(storm, [500, 502, 503, 504][Math.floor(random() * 4)]);
    const worker = createJobWorker(services, { idleMs: 20 });
    const started = Date.now();
    worker.start();
    const acknowledged = () => receiver.seen.filter((d) => d.acknowledged);
    try {
      await eventually(async () => acknowledged().length >= texts.length, 60_000, 'every reply through');
    } finally {
      await worker.stop();
    }
    expect(receiver.seen.length).toBe(texts.length + storm);
    // each reply acknowledged exactly once, under one delivery id
    expect(
      acknowledged()
        .map((d) => d.text)
        .sort(),
    ).toEqual([...texts].sort());
    const byId = new Map<string, number[]>();
    for (const d of receiver.seen) byId.set(d.id, [...(byId.get(d.id) ?? []), d.at]);
    expect(byId.size).toBe(texts.length);
    // the first try at once, then each retry within its backoff (the upper end of its jitter)
    for (const times of byId.values()) {
      expect(times[0]! - started).toBeLessThan(SLACK_MS * 2);
      for (let k = 1; k < times.length; k++) {
        expect(times[k]! - times[k - 1]!).toBeLessThan(backoffMs(k, BASE_DELAY_MS, () => 1) + SLACK_MS);
      }
    }
    const statuses = await db.kysely
      .selectFrom('messages')
      .select('delivery_status')
      .where('direction', '=', 'outbound')
      .execute();
    expect(statuses.map((s) => s.delivery_status)).toEqual(texts.map(() => 'sent'));
    const jobs = await db.kysely.selectFrom('jobs').select('status').execute();
    expect(jobs.every((j) => j.status === 'done')).toBe(true);
  }, 90_000);
});
