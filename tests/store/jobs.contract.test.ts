/** The durable job queue (jobs/queue.ts) on both engines; it was tests/jobs/queue.test.ts. */
import { expect } from 'vitest';
import {
  claimDueJobs,
  completeJob,
  enqueueJob,
  failJob,
  heartbeatJob,
  LEASE_MS,
  postponeJob,
} from '../../src/jobs/queue.js';
import type { Db } from '../../src/store/database.js';
import type { JobRow } from '../../src/store/schema.js';
import { contractEngines } from '../support/contract.js';
import { expectUnchanged, runStoreContract } from '../support/store-contract.js';
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
      const due: [number, number][] = [
        [3, NOW + 2],
        [1, NOW],
        [9, NOW + 60_000],
        [2, NOW + 1],
      ];
      for (const [messageId, runAt] of due) {
        await enqueueJob(db.kysely, {
          kind: 'outbound.send',
          payload: { messageId },
          now: NOW,
          runAt,
          maxAttempts: 3,
        });
      }
      const first = await claimDueJobs(db.kysely, db.engine, NOW + 10, 2);
      const second = await claimDueJobs(db.kysely, db.engine, NOW + 10, 5);
      const nothing = await claimDueJobs(db.kysely, db.engine, NOW + 11, 5);
      const reclaimed = await claimDueJobs(db.kysely, db.engine, NOW + 10 + LEASE_MS + 1, 5);
      const messages = (jobs: JobRow[]) => jobs.map((j) => JSON.parse(j.payload_json).messageId).sort();
      expect(messages(first)).toEqual([1, 2]);
      expect(nothing).toEqual([]);
      return {
        first: messages(first),
        second: messages(second),
        reclaimed: messages(reclaimed),
        rows: await jobRows(db),
      };
    });

    test('refuses a payload its kind does not allow, writing nothing', async ({ db }) => {
      const bad = { messageId: -1 } as unknown as { messageId: number };
      await expectUnchanged(db, () =>
        enqueueJob(db.kysely, { kind: 'outbound.send', payload: bad, now: NOW, maxAttempts: 3 }),
      );
      const extra = { messageId: 1, action: 'like' } as unknown as { messageId: number };
      await expectUnchanged(db, () =>
        enqueueJob(db.kysely, { kind: 'outbound.send', payload: extra, now: NOW, maxAttempts: 3 }),
      );
    });

    test('never hands one job to two concurrent claimers', async ({ db }) => {
      for (let i = 1; i <= 10; i += 1) {
        await enqueueJob(db.kysely, {
          kind: 'outbound.send',
          payload: { messageId: i },
          now: NOW,
          maxAttempts: 3,
        });
      }
      const claims = await Promise.all([1, 2, 3, 4].map(() => claimDueJobs(db.kysely, db.engine, NOW, 3)));
      const ids = claims.flat().map((j) => j.id);
      expect(new Set(ids).size).toBe(ids.length);
      const rest = await claimDueJobs(db.kysely, db.engine, NOW, 10);
      const all = [...ids, ...rest.map((j) => j.id)].sort((a, b) => a - b);
      expect(all).toHaveLength(10);
      return all;
    });

    test('bounds the jobs in flight per group, counting those already running here', async ({ db }) => {
      const groups = ['account:1', 'account:1', 'account:1', 'account:2', null, 'account:1'];
      for (const [i, group] of groups.entries()) {
        await enqueueJob(db.kysely, {
          kind: 'outbound.send',
          payload: { messageId: i + 1 },
          now: NOW,
          runAt: NOW + i,
          maxAttempts: 3,
          group,
        });
      }
      const claimed = (jobs: JobRow[]) => jobs.map((j) => JSON.parse(j.payload_json).messageId).sort();
      const first = await claimDueJobs(db.kysely, db.engine, NOW + 10, 10, { perGroup: 2 });
      const busy = new Map([['account:1', 2]]);
      const second = await claimDueJobs(db.kysely, db.engine, NOW + 10, 10, { perGroup: 2, busy });
      const third = await claimDueJobs(db.kysely, db.engine, NOW + 10, 10, { perGroup: 3, busy });
      expect(claimed(first)).toEqual([1, 2, 4, 5]);
      expect(second).toEqual([]);
      return { first: claimed(first), third: claimed(third) };
    });

    test('a heartbeat renews the lease of a running job only', async ({ db }) => {
      const id = await enqueueJob(db.kysely, {
        kind: 'outbound.send',
        payload: { messageId: 1 },
        now: NOW,
        maxAttempts: 3,
      });
      const before = await heartbeatJob(db.kysely, id, { now: NOW });
      await claimDueJobs(db.kysely, db.engine, NOW, 1, { leaseMs: 1_000 });
      const renewed = await heartbeatJob(db.kysely, id, { now: NOW + 900, leaseMs: 1_000 });
      // past the first lease but within the renewed one: nobody else may take it
      expect(await claimDueJobs(db.kysely, db.engine, NOW + 1_500, 1)).toEqual([]);
      await completeJob(db.kysely, id, NOW + 1_600);
      const after = await heartbeatJob(db.kysely, id, { now: NOW + 1_700 });
      expect([before, renewed, after]).toEqual([false, true, false]);
      return jobRows(db);
    });

    test('a postponed job keeps its attempt; a done job is never claimed again', async ({ db }) => {
      const a = await enqueueJob(db.kysely, {
        kind: 'outbound.send',
        payload: { messageId: 1 },
        now: NOW,
        maxAttempts: 1,
      });
      const b = await enqueueJob(db.kysely, {
        kind: 'outbound.engage',
        payload: { messageId: 2, action: 'repost' },
        now: NOW,
        maxAttempts: 1,
      });
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
