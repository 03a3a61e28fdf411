import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';

/** The job queue at one moment: jobs per queue and status, and how late the most overdue pending job is. */
export interface QueueSnapshot {
  counts: { queue: string; status: string; n: number }[];
  /** Milliseconds since the oldest pending job became due (0 when none is due). */
  oldestDueMs: number;
}

/** Counts jobs by queue and status (done jobs included: they are pruned elsewhere) and the queue's lag. */
export async function queueSnapshot(db: Kysely<Database>, now: number): Promise<QueueSnapshot> {
  const counts = await db
    .selectFrom('jobs')
    .select(['queue', 'status', sql<number>`count(*)`.as('n')])
    .where('status', 'in', ['pending', 'running', 'failed'])
    .groupBy(['queue', 'status'])
    .execute();
  const oldest = await db
    .selectFrom('jobs')
    .select(sql<number | null>`min(run_at)`.as('at'))
    .where('status', '=', 'pending')
    .where('run_at', '<=', now)
    .executeTakeFirst();
  const at = oldest?.at === null || oldest?.at === undefined ? null : Number(oldest.at);
  return {
    counts: counts.map((c) => ({ queue: c.queue, status: c.status, n: Number(c.n) })),
    oldestDueMs: at === null ? 0 : Math.max(0, now - at),
  };
}

/** Channel accounts per channel and status (a broken account is an operator's first alert). */
export async function channelAccountStatuses(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('channel_accounts')
    .select(['channel', 'status', sql<number>`count(*)`.as('n')])
    .groupBy(['channel', 'status'])
    .execute();
  return rows.map((r) => ({ channel: r.channel, status: r.status, n: Number(r.n) }));
}

/**
 * The highest message id: message ids only grow, so this works as a counter of messages stored,
 * and its rate is the ingest rate, read from an index instead of counting every row.
 */
export async function messagesStoredMark(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('messages').select(sql<number | null>`max(id)`.as('id')).executeTakeFirst();
  return Number(row?.id ?? 0);
}
