import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../src/domain/events.js';
import { pruneEvents } from '../../src/events/prune.js';
import { currentEnd, eventBatches, readEvents, streamStart } from '../../src/events/reader.js';
import { EventTail } from '../../src/events/tail.js';
import { LocalWaker, listenForEvents } from '../../src/events/waker.js';
import { ValidationError } from '../../src/platform/errors.js';
import type { Db } from '../../src/store/database.js';
import { ensureListenerRow } from '../../src/store/event-listeners-repo.js';
import { appendEvent, systemActor } from '../../src/store/events-repo.js';
import { freshDb, pgTestUrl, testEngines } from '../support/engines.js';
import { eventsSettled } from '../support/events.js';

const DAY = 86_400_000;

function ingested(db: Db, n: number, at = Date.now()) {
  return appendEvent(db.kysely, {
    at,
    actor: systemActor,
    type: 'messages.ingested',
    data: { inserted: n, duplicates: 0 },
  });
}

/** Puts a listener's cursor on an event (with its transaction id on PostgreSQL). */
async function moveCursor(db: Db, name: string, id: number) {
  await db.kysely.updateTable('event_listeners').set({ position: id }).where('name', '=', name).execute();
  if (db.engine === 'postgres') {
    await sql`update event_listeners set position_tx = (select tx from events where id = ${id}) where name = ${name}`.execute(
      db.kysely,
    );
  }
}

async function until(check: () => boolean | Promise<boolean>, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each(testEngines)('event stream (%s)', (engine) => {
  let db: Db;
  afterEach(async () => {
    await db?.close();
  });

  it('appends typed, validated events and reads them back in order, by type, in batches', async () => {
    db = await freshDb(engine);
    const a = await ingested(db, 1);
    const b = await appendEvent(db.kysely, {
      at: 5,
      actor: { type: 'user', id: 7 },
      type: 'conversation.status',
      conversationId: 3,
      data: { status: 'resolved', snoozedUntil: null },
    });
    const c = await ingested(db, 2);
    expect(a < b && b < c).toBe(true);
    await expect(
      // a payload that does not match its schema is refused (the types refuse it too)
      appendEvent(db.kysely, {
        at: 1,
        actor: systemActor,
        type: 'note.created',
        data: { noteId: 'x' } as never,
      }),
    ).rejects.toBeInstanceOf(ValidationError);

    await eventsSettled(db);
    const all = await readEvents(db, { after: streamStart });
    expect(all.events.map((e) => e.id)).toEqual([a, b, c]);
    const status = all.events[1]!;
    expect(status).toMatchObject({
      known: true,
      type: 'conversation.status',
      conversationId: 3,
      at: 5,
      actor: { type: 'user', id: 7 },
      data: { status: 'resolved', snoozedUntil: null },
    });
    if (status.known && status.type === 'conversation.status') expect(status.data.status).toBe('resolved');

    const onlyIngested = await readEvents(db, { after: streamStart, types: ['messages.ingested'] });
    expect(onlyIngested.events.map((e) => e.id)).toEqual([a, c]);
    expect(onlyIngested.cursor.id).toBe(c);

    const statusOnly = await readEvents(db, { after: all.events[1]!, types: ['conversation.status'] });
    expect(statusOnly.events).toEqual([]);
    expect(statusOnly.cursor.id).toBe(c); // moved past the other types

    for (let i = 0; i < 5; i += 1) await ingested(db, 10 + i);
    await eventsSettled(db);
    const batches: number[][] = [];
    for await (const batch of eventBatches(db, {
      after: streamStart,
      types: ['messages.ingested'],
      batchSize: 3,
    }))
      batches.push(batch.map((e) => (e.known && e.type === 'messages.ingested' ? e.data.inserted : -1)));
    expect(batches).toEqual([[1, 2, 10], [11, 12, 13], [14]]);
    expect((await currentEnd(db)).id).toBe(Math.max(...all.events.map((e) => e.id)) + 5);
  });

  it('reads unknown types and payloads that no longer match as untyped events', async () => {
    db = await freshDb(engine);
    await sql`insert into events (at, actor_type, type, data_json) values (1, 'system', 'legacy.thing', '{"a":1}')`.execute(
      db.kysely,
    );
    await sql`insert into events (at, actor_type, type, data_json) values (2, 'system', 'messages.ingested', '{"count":3}')`.execute(
      db.kysely,
    );
    await sql`insert into events (at, actor_type, type, data_json) values (3, 'system', 'auth.login', 'not json')`.execute(
      db.kysely,
    );
    await eventsSettled(db);
    const { events } = await readEvents(db, { after: streamStart });
    expect(events.map((e) => [e.known, e.type, e.data])).toEqual([
      [false, 'legacy.thing', { a: 1 }],
      [false, 'messages.ingested', { count: 3 }],
      [false, 'auth.login', 'not json'],
    ]);
  });

  it('tails from the current end and hands each new event over in order', async () => {
    db = await freshDb(engine);
    await ingested(db, 0);
    await eventsSettled(db);
    const waker = new LocalWaker();
    const notifications =
      engine === 'postgres' ? await listenForEvents(pgTestUrl()!, db.schema!, waker) : null;
    const seen: StoredEvent[] = [];
    const tail = new EventTail(db, { onEvent: (e) => void seen.push(e), waker, pollMs: 60_000 });
    await tail.start();
    try {
      await ingested(db, 1);
      await ingested(db, 2);
      if (engine === 'sqlite') waker.wake(); // on PostgreSQL the commit's NOTIFY wakes it
      await until(() => seen.length === 2);
      expect(seen.map((e) => (e.known && e.type === 'messages.ingested' ? e.data.inserted : -1))).toEqual([
        1, 2,
      ]);
    } finally {
      await tail.stop();
      await notifications?.close();
    }
  });

  it('prunes old system events every listener has passed, never audit events nor the newest row', async () => {
    db = await freshDb(engine);
    const now = Date.UTC(2026, 5, 1);
    const old = now - 401 * DAY;
    const o1 = await ingested(db, 1, old);
    const audit = await appendEvent(db.kysely, {
      at: old,
      actor: systemActor,
      type: 'conversation.merged',
      conversationId: 1,
      data: { merged: [2] },
    });
    const o2 = await ingested(db, 2, old);
    const recent = await ingested(db, 3, now - DAY);
    const lastOld = await ingested(db, 4, old);
    // a listener that has passed o1 only
    await ensureListenerRow(db, 'slow', streamStart, now);
    await moveCursor(db, 'slow', o1);
    expect(await pruneEvents(db, { now, retentionDays: 400 })).toBe(1);
    await moveCursor(db, 'slow', lastOld);
    expect(await pruneEvents(db, { now, retentionDays: 400 })).toBe(1); // o2; lastOld is the newest row
    const left = (await db.kysely.selectFrom('events').select('id').orderBy('id').execute()).map((r) => r.id);
    expect(left).toEqual([audit, recent, lastOld]);
    expect(await pruneEvents(db, { now, retentionDays: 400 })).toBe(0);
    expect(o2).toBeGreaterThan(o1);
  });

  it('wakes in-process readers when told to', async () => {
    db = await freshDb(engine);
    const waker = new LocalWaker();
    let woken = 0;
    const off = waker.onWake(() => {
      woken += 1;
    });
    waker.onWake(() => {
      throw new Error('a broken reader');
    });
    waker.wake();
    off();
    waker.wake();
    expect(woken).toBe(1);
  });
});
