/**
 * Issue 18: state that used to live in one process's memory is shared through the database, so
 * several processes behave as one: the negative-spike detector's figures (whichever process runs
 * the listener's next batch counts on from the same baseline) and who is viewing a conversation
 * (the collision warning reaches agents connected to another process).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { conversationViewers, reportPresence } from '../../src/commands/presence.js';
import type { Services } from '../../src/commands/services.js';
import { validateMessage } from '../../src/domain/message-format.js';
import { ListenerRunner } from '../../src/events/runner.js';
import { ingestMessages } from '../../src/ingest/ingest.js';
import { negativeSpikes } from '../../src/listeners/negative-spikes.js';
import type { LiveEvent } from '../../src/platform/live-bus.js';
import { startEventStream } from '../../src/runtime/event-stream.js';
import type { Db } from '../../src/store/database.js';
import { systemActor } from '../../src/store/events-repo.js';
import { createUser } from '../../src/store/users-repo.js';
import { eventually } from '../support/channel-contract.js';
import { freshDb, pgTestUrl, testEngines } from '../support/engines.js';
import { servicesFor } from '../support/services.js';

let db: Db | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

const angry = 'still no refund, charged twice and nobody answers, this is terrible';
let n = 0;
async function complain(services: Services & { clock: { set(ms: number): void } }, when: number) {
  services.clock.set(when);
  const v = validateMessage({
    channel: 'generic',
    external_id: `s${n++}`,
    direction: 'inbound',
    author: { id: `a${n}` },
    text: angry,
    created_at: new Date(when).toISOString(),
  });
  if (!v.ok) throw new Error(v.errors.join());
  return ingestMessages(services, [v.message], systemActor);
}

describe.each(testEngines)('shared state across processes (%s)', (engine) => {
  it('two processes taking turns at the spike listener see one stream: one alert, not zero or two', async () => {
    db = await freshDb(engine);
    // two processes: each its own services, so its own detector in memory
    const [a, b] = [await servicesFor(db), await servicesFor(db)];
    const runner = (s: Services) =>
      new ListenerRunner([negativeSpikes], { db: s.db, ctx: s, clock: s.clock, logger: s.logger });
    const runners = [runner(a), runner(b)];
    await runners[0]!.register();
    const start = Date.UTC(2026, 5, 1, 8);
    let turn = 0;
    const send = async (when: number) => {
      await complain(a, when);
      b.clock.set(when);
      await runners[turn++ % 2]!.drain();
    };
    // two hours of one complaint per quarter hour, then six within ten minutes: a spike to one
    // process that sees everything (threshold 5), nothing to either half on its own
    for (let w = 0; w < 8; w++) await send(start + w * 15 * 60_000);
    for (let i = 0; i < 6; i++) await send(start + 8 * 15 * 60_000 + i * 90_000);
    const alerts = await db.kysely
      .selectFrom('events')
      .select('id')
      .where('type', '=', 'alert.negative_spike')
      .execute();
    expect(alerts).toHaveLength(1);
  });

  it("a viewer reported through one process is seen by the other's answers", async () => {
    db = await freshDb(engine);
    const [a, b] = [await servicesFor(db), await servicesFor(db)];
    const [result] = (await complain(a, a.clock.now())).results;
    const conversationId = result!.conversationId;
    const kim = await createUser(db.kysely, {
      email: 'kim@example.com',
      name: 'Kim',
      role: 'agent',
      password: 'correct horse battery',
      now: a.clock.now(),
    });
    await reportPresence(a, { id: kim.id, name: 'Kim' }, conversationId, 'replying');
    expect(await conversationViewers(b, conversationId)).toEqual([
      { userId: kim.id, name: 'Kim', state: 'replying' },
    ]);
    // a report runs out unless refreshed
    b.clock.set(b.clock.now() + 31_000);
    expect(await conversationViewers(b, conversationId)).toEqual([]);
    await reportPresence(a, { id: kim.id, name: 'Kim' }, conversationId, 'left');
    expect(await conversationViewers(a, conversationId)).toEqual([]);
  });
});

describe.skipIf(!pgTestUrl())('presence pushed across processes (PostgreSQL)', () => {
  it("another process's browsers hear of a viewer at once, not at their next refresh", async () => {
    db = await freshDb('postgres');
    const env = { DATABASE_URL: pgTestUrl()! };
    const [a, b] = [await servicesFor(db, env), await servicesFor(db, env)];
    const streams = [
      await startEventStream(a, { listeners: [] }),
      await startEventStream(b, { listeners: [] }),
    ];
    try {
      const [result] = (await complain(a, a.clock.now())).results;
      const conversationId = result!.conversationId;
      const kim = await createUser(db.kysely, {
        email: 'kim@example.com',
        name: 'Kim',
        role: 'agent',
        password: 'correct horse battery',
        now: a.clock.now(),
      });
      const heard: LiveEvent[] = [];
      b.live.subscribe((e) => {
        if (e.type === 'presence') heard.push(e);
      });
      await reportPresence(a, { id: kim.id, name: 'Kim' }, conversationId, 'viewing');
      await eventually(async () => heard.length > 0, 5_000, 'the presence notice');
      expect(heard).toEqual([
        { type: 'presence', conversationId, viewers: [{ userId: kim.id, name: 'Kim', state: 'viewing' }] },
      ]);
    } finally {
      for (const s of streams) await s.stop();
    }
  });
});
