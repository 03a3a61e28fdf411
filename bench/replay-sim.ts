/**
 * The replay simulation behind bench/replay.ts: customer messages arrive on a virtual clock and go
 * through Rapport's real ingest engine into a temporary SQLite database; one agent repeatedly takes
 * the top waiting conversation of the real inbox query (by priority, or oldest-waiting first for
 * the first-come-first-served baseline), spends N minutes on a reply, and the reply comes back in
 * as the brand's post (as a channel's echo would), so Rapport's own summaries decide what waits.
 */
import path from 'node:path';
import type { CommandActor } from '../src/commands/actor.js';
import { setConversationStatus } from '../src/commands/conversation-actions.js';
import type { Services } from '../src/commands/services.js';
import type { IncomingMessage } from '../src/domain/message-format.js';
import { ingestMessages } from '../src/ingest/ingest.js';
import { ManualClock } from '../src/platform/clock.js';
import { configFrom } from '../src/platform/config.js';
import { openServices } from '../src/runtime/services.js';
import { listConversations } from '../src/store/conversation-list.js';
import { systemActor } from '../src/store/events-repo.js';

/** Which conversation the agent takes next. */
export type ReplayOrder = 'rapport' | 'fcfs';

/** What one run produced: when each customer message was answered (epoch ms), and its cost. */
export interface ReplayRun {
  answeredAt: Map<string, number>;
  replies: number;
  wallSeconds: number;
}

const agent: CommandActor = { type: 'token', id: 0, userId: null, name: 'Replay agent' };

/** The top waiting conversation in this order, through the inbox's own query. */
async function topWaiting(services: Services, order: ReplayOrder) {
  const db = services.db.kysely;
  let cursor: string | undefined;
  while (true) {
    const page = await listConversations(db, services.db.engine, {
      statuses: ['open', 'pending'],
      sort: order === 'rapport' ? 'priority' : 'waiting',
      limit: 50,
      cursor,
    });
    const found = page.rows.find((r) => r.waiting_since !== null);
    if (found) return found;
    if (!page.nextCursor) return null;
    cursor = page.nextCursor;
  }
}

/** Replays `arrivals` (sorted by created_at) to one agent taking `minutesPerReply` per reply. */
export async function replay(
  arrivals: IncomingMessage[],
  order: ReplayOrder,
  minutesPerReply: number,
  workDir: string,
): Promise<ReplayRun> {
  const started = performance.now();
  const clock = new ManualClock(arrivals[0]?.created_at ?? 0);
  const config = configFrom({
    RAPPORT_DATA_DIR: workDir,
    RAPPORT_LOG_LEVEL: 'silent',
    // the replayed channel has no way out from here: the agent's replies come back as posts
    RAPPORT_SLA_TIMERS_WITHOUT_REPLY: 'true',
  });
  const services = await openServices(config, {
    clock,
    db: { sqliteFile: path.join(workDir, `replay-${order}.sqlite`) },
  });
  const answeredAt = new Map<string, number>();
  const replyMs = minutesPerReply * 60_000;
  let next = 0;
  let replies = 0;
  const arriveUntil = async (t: number) => {
    const batch: IncomingMessage[] = [];
    while (next < arrivals.length && arrivals[next]!.created_at <= t) batch.push(arrivals[next++]!);
    if (batch.length === 0) return;
    clock.set(Math.max(clock.now(), t));
    await ingestMessages(services, batch, systemActor);
  };
  try {
    let t = clock.now();
    while (true) {
      await arriveUntil(t);
      const conv = await topWaiting(services, order);
      if (!conv) {
        if (next >= arrivals.length) break;
        t = arrivals[next]!.created_at; // idle until the next customer writes
        continue;
      }
      // the agent reads what has arrived by now and answers it, N minutes later
      const seen = await services.db.kysely
        .selectFrom('messages')
        .select(['external_id', 'created_at'])
        .where('conversation_id', '=', conv.id)
        .where('direction', '=', 'inbound')
        .where('created_at', '<=', t)
        .orderBy('created_at')
        .execute();
      const done = t + replyMs;
      for (const m of seen) if (!answeredAt.has(m.external_id)) answeredAt.set(m.external_id, done);
      await arriveUntil(done);
      clock.set(Math.max(clock.now(), done));
      const last = seen[seen.length - 1];
      replies += 1;
      await ingestMessages(
        services,
        [
          {
            channel: conv.channel,
            external_id: `replay-reply-${replies}`,
            direction: 'outbound',
            author: { id: 'brand', handle: 'brand' },
            text: 'Thanks for reaching out, we are on it.',
            // written from what the agent saw when it started: later messages still wait
            created_at: t,
            in_reply_to: last?.external_id ?? null,
          },
        ],
        systemActor,
      );
      const after = await services.db.kysely
        .selectFrom('conversations')
        .select(['id', 'waiting_since'])
        .where('id', '=', conv.id)
        .executeTakeFirst();
      if (after && after.waiting_since === null)
        await setConversationStatus(services, agent, after.id, 'resolved');
      t = done;
    }
  } finally {
    await services.db.close();
  }
  return { answeredAt, replies, wallSeconds: (performance.now() - started) / 1000 };
}
