import { afterEach, describe, expect, it } from 'vitest';
import { claimDueJobs, enqueueJob, failJob } from '../../src/jobs/queue.js';
import type { Db } from '../../src/store/database.js';
import { freshDb, testEngines } from '../support/engines.js';

describe.each(testEngines)('durable job queue on %s', (engine) => {
  let db: Db;
  afterEach(async () => {
    await db?.close();
  });

  it('waits for a rate limit to lift instead of burning retries, and gives up on final errors', async () => {
    db = await freshDb(engine);
    const now = 1_800_000_000_000;
    const id = await enqueueJob(db.kysely, {
      kind: 'outbound.send',
      payload: { messageId: 1 },
      now,
      maxAttempts: 3,
    });
    const [job] = await claimDueJobs(db.kysely, db.engine, now, 10);
    expect(job?.id).toBe(id);
    const resetAt = now + 3_600_000;
    expect(
      await failJob(db.kysely, job!, 'rate limited', {
        now,
        retryable: true,
        baseDelayMs: 1000,
        notBefore: resetAt,
      }),
    ).toBe(true);
    expect(await claimDueJobs(db.kysely, db.engine, resetAt - 1, 10)).toEqual([]);
    const [again] = await claimDueJobs(db.kysely, db.engine, resetAt, 10);
    expect(again?.attempts).toBe(2);
    expect(
      await failJob(db.kysely, again!, 'deleted post', { now: resetAt, retryable: false, baseDelayMs: 1000 }),
    ).toBe(false);
    const row = await db.kysely.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', last_error: 'deleted post' });
  });
});
