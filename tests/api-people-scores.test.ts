/**
 * Issue 12, second part, on both engines with a fixed clock: the people-scores listener keeps the
 * advocate score and the churn-risk flag (with reasons) current from what people write; the
 * advocates and at-risk filters and saved segments find them; Today suggests reaching out to
 * contacts at risk of leaving, with the reason, until dismissed.
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
let seq = 0;

function say(person: string, text: string, at: number, extra: Record<string, unknown> = {}) {
  seq += 1;
  const v = validateMessage({
    channel: 'bluesky',
    external_id: `at://${person}/post/${seq}`,
    direction: 'inbound',
    author: { id: `did:plc:${person}`, handle: `${person}.bsky.social`, name: person, followers: 5000 },
    text,
    created_at: new Date(at).toISOString(),
    thread_id: `thread-${person}-${seq}`,
    ...extra,
  });
  if (!v.ok) throw new Error(v.errors.join(', '));
  return v.message;
}

describe.each(testEngines)('advocate score, churn risk and segments on %s', (engine) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  async function seed() {
    t = await createTestApp(engine, {}, { clock: new ManualClock(NOW) });
    await ingestMessages(
      t.services,
      [
        say('dee', 'I love your bakery, the best bread ever! Thank you so much', NOW - 9 * DAY),
        say('dee', 'Wonderful croissants today, thank you, amazing!', NOW - 8 * DAY),
        say('dee', 'I highly recommend this bakery to everyone, so good', NOW - 7 * DAY),
        say('dee', 'You should try their sourdough, I told all my friends. Love it!', NOW - 6 * DAY),
        say('dee', 'Great service, thanks a lot, wonderful team!', NOW - 5 * DAY),
        say('dee', 'Lovely cake, thank you! Best birthday cake ever', NOW - 4 * DAY, {
          meta: { quote_of: 'at://brand/post/1' },
        }),
        say('bob', 'This is terrible, my order is late again. Very disappointed.', NOW - 6 * DAY),
        say('bob', 'Awful service, the bread was stale and mouldy. Terrible.', NOW - 5 * DAY),
        say('bob', 'Still no refund. This is unacceptable and I am angry.', NOW - 4 * DAY),
        say('bob', 'I am cancelling my subscription and switching to another bakery.', NOW - 3 * DAY),
        say('ann', 'What time do you open on Sunday?', NOW - 2 * DAY),
      ],
      systemActor,
    );
    await t.events.settle();
    const list = (
      await t.app.inject({ method: 'GET', url: '/api/v1/contacts', headers: t.bearer(t.viewerToken) })
    ).json();
    return Object.fromEntries(
      list.items.map((c: { name: string; id: number; scores: unknown; lastContactAt: number }) => [
        c.name,
        c,
      ]),
    );
  }
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: t.bearer(t.viewerToken) });
  const names = async (url: string) =>
    ((await get(url)).json().items as { name: string }[]).map((c) => c.name).sort();

  it('scores advocates and flags the person about to leave, with reasons; the filters find them', async () => {
    const people = await seed();
    expect(people.dee.scores.advocateScore).toBeGreaterThanOrEqual(40);
    expect(people.dee.scores.signals).toMatchObject({ reshares: 1, reach: 5000 });
    expect(people.dee.scores.signals.recommendations).toBeGreaterThanOrEqual(2);
    expect(people.dee.scores.churnReasons).toEqual([]);
    expect(people.ann.scores).toMatchObject({ advocateScore: 0, churnRisk: false, churnReasons: [] });
    expect(people.bob.scores.churnRisk).toBe(true);
    expect(people.bob.scores.churnReasons).toContain('repeated_negatives');
    expect(people.bob.scores.advocateScore).toBe(0);
    expect(people.ann.lastContactAt).toBe(NOW - 2 * DAY);

    expect(await names('/api/v1/contacts?advocates=true')).toEqual(['dee']);
    expect(await names('/api/v1/contacts?atRisk=true')).toEqual(['bob']);
    expect(await names(`/api/v1/contacts?lastContactAfter=${NOW - 3 * DAY}`)).toEqual(['ann', 'bob']);
    expect(await names(`/api/v1/contacts?lastContactBefore=${NOW - 3 * DAY}`)).toEqual(['dee']);
    const detail = (await get(`/api/v1/contacts/${people.bob.id}`)).json();
    expect(detail.contact.scores.churnReasons).toEqual(people.bob.scores.churnReasons);
  });

  it('suggests reaching out to a contact at risk in Today, with the reason, until dismissed', async () => {
    const people = await seed();
    const today = async () => (await get('/api/v1/today')).json();
    const item = (await today()).items.find(
      (i: { contact: { id: number } }) => i.contact.id === people.bob.id,
    );
    expect(item).toMatchObject({
      kind: 'churn_risk',
      reason: expect.stringContaining('At risk of leaving: '),
      channel: 'bluesky',
      latestConversationId: expect.any(Number),
    });
    expect(item.reason).toContain('repeated negative messages');
    const act = await t.app.inject({
      method: 'POST',
      url: '/api/v1/today/actions',
      headers: t.bearer(t.agentToken),
      payload: { key: item.key, action: 'dismiss' },
    });
    expect(act.statusCode).toBe(200);
    expect((await today()).items.map((i: { kind: string }) => i.kind)).not.toContain('churn_risk');
  });

  it('saves segments, applies them to the list, and removes them', async () => {
    await seed();
    const h = t.bearer(t.agentToken);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/segments',
      headers: h,
      payload: { name: 'Fans on Bluesky', filter: { advocates: true, channel: 'bluesky' } },
    });
    expect(created.statusCode).toBe(201);
    const { segment } = created.json();
    const quiet = await t.app.inject({
      method: 'POST',
      url: '/api/v1/segments',
      headers: h,
      payload: { name: 'Quiet for two days', filter: { notContactedForDays: 2 } },
    });
    expect(quiet.statusCode).toBe(201);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/segments',
      headers: h,
      payload: { name: 'Fans on Bluesky', filter: {} },
    });
    expect(again.statusCode).toBe(409);
    expect((await get('/api/v1/segments')).json().items.map((s: { name: string }) => s.name)).toEqual([
      'Fans on Bluesky',
      'Quiet for two days',
    ]);
    expect(await names(`/api/v1/contacts?segment=${segment.id}`)).toEqual(['dee']);
    expect(await names(`/api/v1/contacts?segment=${quiet.json().segment.id}`)).toEqual(['bob', 'dee']);
    expect(await names(`/api/v1/contacts?segment=${quiet.json().segment.id}&q=bo`)).toEqual(['bob']);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/segments/${segment.id}`,
      headers: h,
    });
    expect(removed.statusCode).toBe(204);
    expect((await get(`/api/v1/contacts?segment=${segment.id}`)).statusCode).toBe(404);
  });
});
