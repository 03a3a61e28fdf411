/** The durable job queue (jobs/queue.ts) on both engines; it was tests/jobs-queue.test.ts. */
import { expect } from 'vitest';
import {
  claimDueJobs,
  completeJob,
  enqueueJob,
  failJob,
  LEASE_MS,
  postponeJob,
} from '../../src/jobs/queue.js';
import type { Db } from '../../src/store/database.js';
import { contractEngines } from '../support/contract.js';
import { runStoreContract } from '../support/store-contract.js';
import { NOW } from './seed.js';

const jobRows = (db: Db) =>
  db.kysely
    .selectFrom('jobs')
    .select(['id', 'queue', 'payload_json', 'status', 'attempts', 'run_at', 'locked_until', 'last_error'])
    .orderBy('id')
    .execute();

for (const engine of contractEngines) {
  runStoreContract('job queue', { engine }, (test) => {
    test('waits for a rate limit to lift instead of burning retries, and gives up on final errors', async ({
      db,
    }) => {
      const now = 1_800_000_000_000;
      const id = await enqueueJob(db.kysely, { queue: 'q', payload: { n: 1 }, now, maxAttempts: 3 });
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
        await failJob(db.kysely, again!, 'deleted post', {
          now: resetAt,
          retryable: false,
          baseDelayMs: 1000,
        }),
      ).toBe(false);
      const row = await db.kysely
        .selectFrom('jobs')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'failed', last_error: 'deleted post' });
    });

    test('claims due jobs soonest first, up to the limit, under a lease that can expire', async ({ db }) => {
      for (const [queue, runAt] of [
        ['c', NOW + 2],
        ['a', NOW],
        ['later', NOW + 60_000],
        ['b', NOW + 1],
      ] as const) {
        await enqueueJob(db.kysely, { queue, payload: { queue }, now: NOW, runAt, maxAttempts: 3 });
      }
      const first = await claimDueJobs(db.kysely, db.engine, NOW + 10, 2);
      const second = await claimDueJobs(db.kysely, db.engine, NOW + 10, 5);
      const nothing = await claimDueJobs(db.kysely, db.engine, NOW + 11, 5);
      const reclaimed = await claimDueJobs(db.kysely, db.engine, NOW + 10 + LEASE_MS + 1, 5);
      expect(first.map((j) => j.queue).sort()).toEqual(['a', 'b']);
      expect(nothing).toEqual([]);
      const queues = (jobs: { queue: string }[]) => jobs.map((j) => j.queue).sort();
      return {
        first: queues(first),
        second: queues(second),
        reclaimed: queues(reclaimed),
        rows: await jobRows(db),
      };
    });

    test('never hands one job to two concurrent claimers', async ({ db }) => {
      for (let i = 0; i < 10; i += 1) {
        await enqueueJob(db.kysely, { queue: 'send', payload: { i }, now: NOW, maxAttempts: 3 });
      }
      const claims = await Promise.all([1, 2, 3, 4].map(() => claimDueJobs(db.kysely, db.engine, NOW, 3)));
      const ids = claims.flat().map((j) => j.id);
      expect(new Set(ids).size).toBe(ids.length);
      const rest = await claimDueJobs(db.kysely, db.engine, NOW, 10);
      const all = [...ids, ...rest.map((j) => j.id)].sort((a, b) => a - b);
      expect(all).toHaveLength(10);
      return all;
    });

    test('a postponed job keeps its attempt; a done job is never claimed again', async ({ db }) => {
      const a = await enqueueJob(db.kysely, { queue: 'a', payload: null, now: NOW, maxAttempts: 1 });
      const b = await enqueueJob(db.kysely, { queue: 'b', payload: [1, 'x'], now: NOW, maxAttempts: 1 });
      await claimDueJobs(db.kysely, db.engine, NOW, 10);
      await postponeJob(db.kysely, a, 'account paused '.repeat(200), { now: NOW + 1, runAt: NOW + 1_000 });
      await completeJob(db.kysely, b, NOW + 2);
      const [again] = await claimDueJobs(db.kysely, db.engine, NOW + 1_000 + LEASE_MS + 1, 10);
      expect(again?.id).toBe(a);
      expect(again?.attempts).toBe(1);
      const rows = await jobRows(db);
      expect(rows.find((r) => r.id === a)?.last_error).toHaveLength(2000);
      return rows;
    });
  });
}
