/**
 * GET /api/v1/today with a fixed clock, on both engines: a birthday tomorrow, an answered complaint
 * from three days ago, an unkept "I'll get back to you" and a quiet advocate each appear with their
 * reason, and go once acted on or dismissed (a snooze comes back).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { validateMessage } from '../src/domain/message-format.js';
import { ingestMessages } from '../src/ingest/ingest.js';
import { ManualClock } from '../src/platform/clock.js';
import { systemActor } from '../src/store/events-repo.js';
import { createTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/engines.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 5, 9);

function say(
  person: string,
  id: string,
  text: string,
  at: number,
  direction: 'inbound' | 'outbound' = 'inbound',
) {
  const v = validateMessage({
    channel: 'email',
    external_id: id,
    direction,
    author:
      direction === 'inbound'
        ? { id: `${person}@x.test`, name: person }
        : { id: 'care@shop.test', name: 'Alex' },
    text,
    created_at: new Date(at).toISOString(),
    thread_id: `thread-${person}`,
  });
  if (!v.ok) throw new Error(v.errors.join(', '));
  return v.message;
}

describe.each(testEngines)('GET /api/v1/today on %s', (engine) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  async function seed(overrides: Record<string, string> = {}) {
    const clock = new ManualClock(NOW);
    t = await createTestApp(engine, overrides, { clock });
    await ingestMessages(
      t.services,
      [
        say('ada', 'a1', 'Hi, quick question about sizes', NOW - 20 * DAY),
        say(
          'bob',
          'b1',
          'My order arrived broken. This is terrible, I am very angry and disappointed.',
          NOW - 4 * DAY,
        ),
        say('bob', 'b2', 'So sorry, a new one is on its way.', NOW - 3 * DAY - 3_600_000, 'outbound'),
        say('cy', 'c1', 'Do you have the blue one in store?', NOW - 2 * DAY),
        say(
          'cy',
          'c2',
          "Good question! I'll check with the store and get back to you.",
          NOW - 2 * DAY + 3_600_000,
          'outbound',
        ),
        say('fay', 'f1', 'Is the red one back?', NOW - 2 * DAY),
        say('fay', 'f2', "I'll check and get back to you.", NOW - 2 * DAY + 60_000, 'outbound'),
        say('fay', 'f3', 'Yes, it is back in stock.', NOW - DAY, 'outbound'),
        say('dee', 'd1', 'I told all my friends about you!', NOW - 90 * DAY),
        say('eve', 'e1', 'Love it', NOW - 90 * DAY),
      ],
      systemActor,
    );
    const list = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/contacts?limit=200',
        headers: t.bearer(t.agentToken),
      })
    ).json();
    const ids: Record<string, number> = {};
    for (const c of list.items) ids[c.name] = c.id;
    const h = t.bearer(t.agentToken);
    const patch = (id: number, payload: object) =>
      t.app.inject({ method: 'PATCH', url: `/api/v1/contacts/${id}`, headers: h, payload });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/contacts/${ids.ada}/occasions`,
      headers: h,
      payload: { kind: 'birthday', month: 12, day: 6 },
    });
    await patch(ids.dee!, { lifecycle: 'advocate', stageReason: 'tells friends' });
    await patch(ids.eve!, { lifecycle: 'advocate', optedOut: true });
    return { ids, clock };
  }

  const today = async () =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/today', headers: t.bearer(t.viewerToken) })).json();
  const act = (key: string, action: string, until?: number) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/today/actions',
      headers: t.bearer(t.agentToken),
      payload: { key, action, until },
    });

  it('shows each reason once, and each goes once acted on; a snooze comes back', async () => {
    const { ids, clock } = await seed();
    const first = await today();
    const byName = Object.fromEntries(
      first.items.map((i: { contact: { name: string } }) => [i.contact.name, i]),
    );
    expect(Object.keys(byName).sort()).toEqual(['ada', 'bob', 'cy', 'dee']);
    expect(byName.ada).toMatchObject({ kind: 'occasion', reason: 'Birthday tomorrow', channel: 'email' });
    expect(byName.bob).toMatchObject({
      kind: 'complaint_checkin',
      reason: expect.stringContaining('answered 3 days ago'),
    });
    expect(byName.cy).toMatchObject({
      kind: 'commitment',
      reason: expect.stringContaining("I'll check with the store and get back to you."),
    });
    expect(byName.dee).toMatchObject({ kind: 'quiet_advocate', reason: expect.stringContaining('90 days') });
    expect(first.items.map((i: { kind: string }) => i.kind)).toEqual([
      'commitment',
      'occasion',
      'complaint_checkin',
      'quiet_advocate',
    ]);
    expect(first.items[0].actions).toEqual(['done', 'snooze', 'dismiss']);

    expect((await act(byName.ada.key, 'dismiss')).statusCode).toBe(200);
    expect((await act(byName.bob.key, 'done')).statusCode).toBe(200);
    expect((await act(byName.cy.key, 'snooze', NOW + DAY)).statusCode).toBe(200);
    expect((await act(byName.dee.key, 'done')).statusCode).toBe(200);
    expect((await today()).items).toEqual([]);

    clock.set(NOW + DAY + 1);
    // the snooze is over; the dismissed birthday and the done ones never come back
    expect((await today()).items.map((i: { contact: { id: number } }) => i.contact.id)).toEqual([ids.cy]);

    // following through removes a promise without anyone clicking
    await ingestMessages(
      t.services,
      [say('cy', 'c3', 'It is in store: see you soon!', NOW + DAY + 2, 'outbound')],
      systemActor,
    );
    expect((await today()).items).toEqual([]);

    expect((await act('commitment:nope', 'done')).statusCode).toBe(400);
    expect((await act('commitment:999999:1', 'done')).statusCode).toBe(404);
  });

  it("keeps to the day's limit, counting what was acted on today", async () => {
    await seed({ RAPPORT_TODAY_LIMIT: '2' });
    const first = await today();
    expect(first.items).toHaveLength(2);
    expect(first).toMatchObject({ limit: 2, remaining: 2 });
    await act(first.items[0].key, 'done');
    const after = await today();
    expect(after.items.map((i: { key: string }) => i.key)).toEqual([first.items[1].key]);
    expect(after.remaining).toBe(1);
  });
});
