import { type Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventType } from '../../src/domain/events.js';
import { defineListener, type EventListener } from '../../src/events/listener.js';
import { readEvents, streamStart } from '../../src/events/reader.js';
import { backoffDelay, ListenerRunner } from '../../src/events/runner.js';
import { listenerStatuses } from '../../src/events/status.js';
import { LocalWaker } from '../../src/events/waker.js';
import { ManualClock } from '../../src/platform/clock.js';
import { createLogger } from '../../src/platform/logger.js';
import type { Db } from '../../src/store/database.js';
import { appendEvent, systemActor } from '../../src/store/events-repo.js';
import type { Database } from '../../src/store/schema.js';
import { freshDb, testEngines } from '../support/engines.js';
import { eventsSettled } from '../support/events.js';

const logger = createLogger({ RAPPORT_LOG_LEVEL: 'silent' });

function ingested(db: Kysely<Database>, n: number, at = Date.UTC(2026, 0, 1)) {
  return appendEvent(db, {
    at,
    actor: systemActor,
    type: 'messages.ingested',
    data: { inserted: n, duplicates: 0 },
  });
}

function status(db: Kysely<Database>, id: number) {
  return appendEvent(db, {
    at: Date.UTC(2026, 0, 1),
    actor: systemActor,
    type: 'conversation.status',
    conversationId: id,
    data: { status: 'open', snoozedUntil: null },
  });
}

/** Effects a test listener wrote (through its transaction), in order. */
async function effects(db: Db, name = 'effects'): Promise<number[]> {
  const r = await sql<{ v: number }>`select v from ${sql.table(name)} order by seq`.execute(db.kysely);
  return r.rows.map((row) => Number(row.v));
}

async function effectsTable(db: Db, name = 'effects') {
  const seq = db.engine === 'postgres' ? sql`seq serial primary key` : sql`seq integer primary key`;
  await sql`create table ${sql.table(name)} (${seq}, v bigint not null)`.execute(db.kysely);
}

function recorder(name: string, types: EventType[], from?: 'beginning' | 'end'): EventListener<null> {
  return {
    name,
    types,
    from,
    async handle(event, trx) {
      const v = event.type === 'messages.ingested' ? event.data.inserted : (event.conversationId ?? -1);
      await sql`insert into effects (v) values (${v})`.execute(trx);
    },
  };
}

async function until(check: () => boolean | Promise<boolean>, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each(testEngines)('listener runner (%s)', (engine) => {
  let db: Db;
  afterEach(async () => {
    await db?.close();
  });

  it('handles its types in order inside its transaction and keeps its cursor across restarts', async () => {
    db = await freshDb(engine);
    await effectsTable(db);
    const clock = new ManualClock();
    const listener = recorder('statuses', ['conversation.status'], 'beginning');
    await status(db.kysely, 1);
    await ingested(db.kysely, 100);
    await status(db.kysely, 2);
    // a row of its type written before the catalogue, whose payload no longer parses: skipped
    await sql`insert into events (at, actor_type, type, conversation_id, data_json) values (1, 'system', 'conversation.status', 9, '{}')`.execute(
      db.kysely,
    );
    const last = await status(db.kysely, 3);
    await ingested(db.kysely, 101);
    const runner = new ListenerRunner([listener], { db, ctx: null, clock, logger, batchSize: 2 });
    await eventsSettled(db);
    expect(await runner.drain()).toEqual(new Map([['statuses', 'idle']]));
    expect(await effects(db)).toEqual([1, 2, 3]);
    const [s] = await listenerStatuses(db, [listener], clock.now());
    expect(s).toMatchObject({ name: 'statuses', lagEvents: 0, lagMs: 0, failures: 0, lastError: null });
    expect(s!.position).toBe(last + 1); // passed the trailing event of another type too

    await status(db.kysely, 4);
    const restarted = new ListenerRunner([listener], { db, ctx: null, clock, logger });
    await eventsSettled(db);
    await restarted.drain();
    expect(await effects(db)).toEqual([1, 2, 3, 4]);
  });

  it('starts a new listener at the end of the stream unless it asks for the beginning', async () => {
    db = await freshDb(engine);
    await effectsTable(db);
    await ingested(db.kysely, 1);
    const clock = new ManualClock();
    const fromEnd = recorder('from-end', ['messages.ingested']);
    await eventsSettled(db);
    await new ListenerRunner([fromEnd], { db, ctx: null, clock, logger }).register();
    await ingested(db.kysely, 2);
    await eventsSettled(db);
    await new ListenerRunner([fromEnd], { db, ctx: null, clock, logger }).drain();
    expect(await effects(db)).toEqual([2]);
    await new ListenerRunner([recorder('from-start', ['messages.ingested'], 'beginning')], {
      db,
      ctx: null,
      clock,
      logger,
    }).drain();
    expect(await effects(db)).toEqual([2, 1, 2]);
  });

  it('records a failure, keeps the events before it, backs off exponentially and applies the event once', async () => {
    db = await freshDb(engine);
    await effectsTable(db);
    const clock = new ManualClock();
    let failuresLeft = 2;
    const flaky = defineListener<null, 'messages.ingested'>({
      name: 'flaky',
      types: ['messages.ingested'],
      from: 'beginning',
      async handle(event, trx) {
        await sql`insert into effects (v) values (${event.data.inserted})`.execute(trx);
        if (event.data.inserted === 3 && failuresLeft > 0) {
          failuresLeft -= 1;
          // a database error too: the savepoint must undo it without breaking the transaction
          if (failuresLeft === 0) await sql`select * from no_such_table`.execute(trx);
          throw new Error('downstream refused');
        }
      },
    });
    const ids = [];
    for (let n = 1; n <= 4; n += 1) ids.push(await ingested(db.kysely, n, clock.now() - 60_000));
    const runner = new ListenerRunner([flaky], {
      db,
      ctx: null,
      clock,
      logger,
      backoffMs: 1000,
      maxBackoffMs: 5000,
    });

    await eventsSettled(db);
    expect(await runner.drain()).toEqual(new Map([['flaky', 'failed']]));
    expect(await effects(db)).toEqual([1, 2]);
    let [s] = await listenerStatuses(db, [flaky], clock.now());
    expect(s).toMatchObject({
      position: ids[1],
      failures: 1,
      lastError: 'downstream refused',
      nextRetryAt: clock.now() + 1000,
      lagEvents: 2,
      lagMs: 60_000,
    });

    expect(await runner.step(flaky)).toBe('waiting');
    clock.advance(1000);
    expect(await runner.step(flaky)).toBe('failed');
    [s] = await listenerStatuses(db, [flaky], clock.now());
    expect(s).toMatchObject({ position: ids[1], failures: 2, nextRetryAt: clock.now() + 2000 });
    expect(s!.lastError).toMatch(/no_such_table/);

    clock.advance(1999);
    expect(await runner.step(flaky)).toBe('waiting');
    clock.advance(1);
    expect(await runner.drain()).toEqual(new Map([['flaky', 'idle']]));
    expect(await effects(db)).toEqual([1, 2, 3, 4]);
    [s] = await listenerStatuses(db, [flaky], clock.now());
    expect(s).toMatchObject({
      position: ids[3],
      failures: 0,
      lastError: null,
      nextRetryAt: null,
      lagEvents: 0,
    });

    expect([1, 2, 3, 4, 5, 10].map((f) => backoffDelay(f, 1000, 5000))).toEqual([
      1000, 2000, 4000, 5000, 5000, 5000,
    ]);
  });

  it('runs in the background: woken after local commits, polling as the fallback', async () => {
    db = await freshDb(engine);
    await effectsTable(db);
    const waker = new LocalWaker();
    const runner = new ListenerRunner([recorder('live', ['messages.ingested'])], {
      db,
      ctx: null,
      clock: new ManualClock(),
      logger,
      waker,
      pollMs: 60_000,
    });
    await runner.start();
    try {
      await ingested(db.kysely, 1);
      waker.wake();
      await until(async () => (await effects(db)).length === 1);
    } finally {
      await runner.stop();
    }
    const polling = new ListenerRunner([recorder('live', ['messages.ingested'])], {
      db,
      ctx: null,
      clock: new ManualClock(),
      logger,
      pollMs: 50,
    });
    await polling.start();
    try {
      await ingested(db.kysely, 2);
      await until(async () => (await effects(db)).length === 2);
    } finally {
      await polling.stop();
    }
  });

  it('gathers the wake-ups of a burst of commits into one step instead of a transaction per commit', async () => {
    // issue 21, defect 10: under load every ingest woke every listener, and each woken listener ran
    // its own write transaction on the request path's thread, one per commit
    db = await freshDb(engine);
    const steps = new Set<unknown>();
    let handled = 0;
    const counting: EventListener<null> = {
      name: 'counting',
      types: ['messages.ingested'],
      async handle(_event, trx) {
        steps.add(trx); // one transaction object per step
        handled += 1;
      },
    };
    const waker = new LocalWaker();
    const runner = new ListenerRunner([counting], {
      db,
      ctx: null,
      clock: new ManualClock(),
      logger,
      waker,
      pollMs: 60_000,
      gatherMs: 300,
    });
    await runner.start();
    try {
      for (let i = 1; i <= 20; i++) {
        await ingested(db.kysely, i);
        waker.wake();
      }
      await until(() => handled === 20);
    } finally {
      await runner.stop();
    }
    expect(steps.size).toBeLessThanOrEqual(2);
  });

  it.runIf(engine === 'postgres')('lets only one process run a listener at a time', async () => {
    db = await freshDb(engine);
    await effectsTable(db);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const slow = defineListener<null, 'messages.ingested'>({
      name: 'single',
      types: ['messages.ingested'],
      from: 'beginning',
      async handle(event, trx) {
        entered();
        await gate;
        await sql`insert into effects (v) values (${event.data.inserted})`.execute(trx);
      },
    });
    await ingested(db.kysely, 1);
    const a = new ListenerRunner([slow], { db, ctx: null, clock: new ManualClock(), logger });
    const b = new ListenerRunner([slow], { db, ctx: null, clock: new ManualClock(), logger });
    await a.register();
    const first = a.step(slow);
    await inside;
    expect(await b.step(slow)).toBe('busy');
    release();
    expect(await first).toBe('progress');
    expect(await b.step(slow)).toBe('idle');
    expect(await effects(db)).toEqual([1]);
  });

  it.runIf(engine === 'postgres')('never skips an event committed late with a lower id', async () => {
    db = await freshDb(engine);
    await effectsTable(db);
    const listener = recorder('ordered', ['messages.ingested'], 'beginning');
    const runner = new ListenerRunner([listener], { db, ctx: null, clock: new ManualClock(), logger });
    await runner.register();
    let commit!: () => void;
    const held = new Promise<void>((resolve) => {
      commit = resolve;
    });
    let appended!: (id: number) => void;
    const lowId = new Promise<number>((resolve) => {
      appended = resolve;
    });
    const late = db.kysely.transaction().execute(async (trx) => {
      appended(await ingested(trx, 1));
      await held;
    });
    const low = await lowId;
    const high = await ingested(db.kysely, 2);
    expect(high).toBeGreaterThan(low);
    // the later id is committed, the lower one is not: nothing may be read past the open transaction
    expect(await runner.drain()).toEqual(new Map([['ordered', 'idle']]));
    expect((await readEvents(db, { after: streamStart })).events).toEqual([]);
    expect(await effects(db)).toEqual([]);
    commit();
    await late;
    await until(async () => {
      await runner.drain();
      return (await effects(db)).length === 2;
    });
    expect(await effects(db)).toEqual([1, 2]);
  });
});
