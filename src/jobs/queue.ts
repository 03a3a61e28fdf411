import type { Kysely } from 'kysely';
import type { Engine } from '../store/engine.js';
import type { Database, JobRow } from '../store/schema.js';
import { type JobKind, type JobPayload, jobKinds } from './kinds.js';

/**
 * How long a claimed job may go without a heartbeat before another worker may take it over (crash
 * recovery). Short, because a worker claims only what it is about to run and renews the lease while
 * it runs (see heartbeatJob): a crashed worker's job waits at most this long.
 */
export const LEASE_MS = 30_000;

/**
 * Adds a job of a known kind, its payload checked against the kind's schema. Call it inside the same
 * transaction that stores what the job acts on, so a stored reply always has its send job and a
 * rolled-back one never does.
 */
export async function enqueueJob<K extends JobKind>(
  db: Kysely<Database>,
  job: {
    kind: K;
    payload: JobPayload<K>;
    now: number;
    runAt?: number;
    maxAttempts: number;
    /** What it is sent through (e.g. `account:3`): the worker bounds the jobs in flight per group. */
    group?: string | null;
  },
): Promise<number> {
  const payload = jobKinds[job.kind].parse(job.payload);
  const row = await db
    .insertInto('jobs')
    .values({
      queue: job.kind,
      payload_json: JSON.stringify(payload),
      status: 'pending',
      attempts: 0,
      max_attempts: job.maxAttempts,
      run_at: job.runAt ?? job.now,
      locked_until: null,
      last_error: null,
      created_at: job.now,
      updated_at: job.now,
      group_key: job.group ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Options of one claim. */
export interface ClaimOptions {
  /** Lease of each claimed job (default LEASE_MS); the worker renews it while the job runs. */
  leaseMs?: number;
  /** At most this many jobs of one group in flight (default unbounded). */
  perGroup?: number;
  /** Jobs of each group already in flight in this worker, which count against perGroup. */
  busy?: ReadonlyMap<string, number>;
}

/**
 * Claims up to `limit` due jobs (pending and due, or running with an expired lease), oldest due
 * first, leaving out groups that already have `perGroup` jobs in flight, and marks them running with
 * a lease. On PostgreSQL rows are locked with SKIP LOCKED so several processes can share the queue.
 */
export async function claimDueJobs(
  db: Kysely<Database>,
  engine: Engine,
  now: number,
  limit: number,
  options: ClaimOptions = {},
): Promise<JobRow[]> {
  if (limit <= 0) return [];
  const perGroup = options.perGroup ?? Number.POSITIVE_INFINITY;
  const inFlight = new Map(options.busy ?? []);
  return db.transaction().execute(async (trx) => {
    let pick = trx
      .selectFrom('jobs')
      .select(['id', 'group_key'])
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', now)]),
          eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
        ]),
      )
      .orderBy('run_at')
      .orderBy('id')
      // room for candidates of a group that fills up within this claim
      .limit(Number.isFinite(perGroup) ? limit * 4 : limit);
    const full = [...inFlight].filter(([, count]) => count >= perGroup).map(([group]) => group);
    if (full.length > 0)
      pick = pick.where((eb) => eb.or([eb('group_key', 'is', null), eb('group_key', 'not in', full)]));
    if (engine === 'postgres') pick = pick.forUpdate().skipLocked();
    const ids: number[] = [];
    for (const candidate of await pick.execute()) {
      if (ids.length >= limit) break;
      const group = candidate.group_key;
      if (group !== null) {
        const count = inFlight.get(group) ?? 0;
        if (count >= perGroup) continue;
        inFlight.set(group, count + 1);
      }
      ids.push(candidate.id);
    }
    if (ids.length === 0) return [];
    return trx
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        locked_until: now + (options.leaseMs ?? LEASE_MS),
        attempts: eb('attempts', '+', 1),
        updated_at: now,
      }))
      .where('id', 'in', ids)
      .returningAll()
      .execute();
  });
}

/**
 * Renews the lease of a job that is still running here, so no other worker takes it over while it
 * runs longer than one lease. Returns false when the job is no longer ours to renew.
 */
export async function heartbeatJob(
  db: Kysely<Database>,
  id: number,
  options: { now: number; leaseMs?: number },
): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ locked_until: options.now + (options.leaseMs ?? LEASE_MS), updated_at: options.now })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Puts a claimed job back to run at `runAt` without counting the attempt it was claimed for (it
 * waits on something people control, such as a paused account, for as long as that takes).
 */
export async function postponeJob(
  db: Kysely<Database>,
  id: number,
  reason: string,
  options: { now: number; runAt: number },
): Promise<void> {
  await db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'pending',
      run_at: options.runAt,
      locked_until: null,
      attempts: eb('attempts', '-', 1),
      last_error: reason.slice(0, 2000),
      updated_at: options.now,
    }))
    .where('id', '=', id)
    .execute();
}

/** Marks a job done. */
export async function completeJob(db: Kysely<Database>, id: number, now: number) {
  await db
    .updateTable('jobs')
    .set({ status: 'done', locked_until: null, last_error: null, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Exponential backoff with ±20% jitter, capped at one hour. */
export function backoffMs(attempt: number, baseMs: number, random = Math.random): number {
  const raw = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(raw * (0.8 + 0.4 * random()));
}

/**
 * Records a failed attempt: schedules a retry with backoff, or marks the job failed when it is not
 * retryable or out of attempts. Returns whether it will run again.
 */
export async function failJob(
  db: Kysely<Database>,
  job: Pick<JobRow, 'id' | 'attempts' | 'max_attempts'>,
  error: string,
  options: {
    now: number;
    retryable: boolean;
    baseDelayMs: number;
    /** Not before this time (a rate limit's reset); the retry then does not use up an attempt early. */
    notBefore?: number | null;
  },
): Promise<boolean> {
  const again = options.retryable && job.attempts < job.max_attempts;
  const due = Math.max(options.now + backoffMs(job.attempts, options.baseDelayMs), options.notBefore ?? 0);
  await db
    .updateTable('jobs')
    .set({
      status: again ? 'pending' : 'failed',
      run_at: again ? due : options.now,
      locked_until: null,
      last_error: error.slice(0, 2000),
      updated_at: options.now,
    })
    .where('id', '=', job.id)
    .execute();
  return again;
}
