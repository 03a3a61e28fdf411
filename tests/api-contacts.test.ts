/** /api/v1/contacts on both engines: list and search, a person's page, profile, notes, interactions, occasions, merge. */
import { afterEach, describe, expect, it } from 'vitest';
import { validateMessage } from '../src/domain/message-format.js';
import { ingestMessages } from '../src/ingest/ingest.js';
import { systemActor } from '../src/store/events-repo.js';
import { createTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/engines.js';

const T0 = Date.UTC(2026, 10, 1, 10);

function mail(from: string, name: string, id: string, minute: number) {
  const v = validateMessage({
    channel: 'email',
    external_id: id,
    direction: 'inbound',
    author: { id: from, handle: from, name },
    text: `hello from ${name}`,
    created_at: new Date(T0 + minute * 60_000).toISOString(),
  });
  if (!v.ok) throw new Error(v.errors.join(', '));
  return v.message;
}

describe.each(testEngines)('/api/v1/contacts on %s', (engine) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  async function seed() {
    t = await createTestApp(engine);
    await ingestMessages(
      t.services,
      [
        mail('ada@one.test', 'Ada Lovelace', '<1@x>', 0),
        mail('ada@one.test', 'Ada Lovelace', '<2@x>', 1),
        mail('bob@two.test', 'Bob Stone', '<3@x>', 2),
        mail('ada.l@work.test', 'Ada Lovelace', '<4@x>', 3),
      ],
      systemActor,
    );
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/contacts',
      headers: t.bearer(t.viewerToken),
    });
    const items = list.json().items as { id: number; name: string; identities: { externalId: string }[] }[];
    const byEmail = (e: string) => items.find((c) => c.identities.some((i) => i.externalId === e))!.id;
    return { ada: byEmail('ada@one.test'), bob: byEmail('bob@two.test'), ada2: byEmail('ada.l@work.test') };
  }

  it('lists and searches people, and pages through them', async () => {
    const { ada, ada2 } = await seed();
    const get = async (url: string) =>
      (await t.app.inject({ method: 'GET', url, headers: t.bearer(t.viewerToken) })).json();
    expect((await get('/api/v1/contacts?q=lovelace')).items.map((c: { id: number }) => c.id)).toEqual([
      ada2,
      ada,
    ]);
    expect((await get('/api/v1/contacts?q=two.test')).items).toHaveLength(1);
    expect((await get('/api/v1/contacts?q=%25')).items).toHaveLength(0);
    const first = await get('/api/v1/contacts?limit=2');
    expect(first.items).toHaveLength(2);
    const next = await get(`/api/v1/contacts?limit=2&before=${first.nextBefore}`);
    expect(next.items.map((c: { id: number }) => c.id)).toEqual([ada]);
    expect((await get('/api/v1/contacts?channel=chat')).items).toEqual([]);
  });

  it('keeps a profile, notes, interactions and occasions, with a timeline across them', async () => {
    const { ada } = await seed();
    const h = t.bearer(t.agentToken);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/contacts/${ada}`,
      headers: h,
      payload: {
        preferredName: 'Addie',
        pronouns: 'she/her',
        timeZone: 'Europe/London',
        insights: ['prefers email'],
        customFields: { shoeSize: '38' },
        lifecycle: 'customer',
        journeyStage: 'decision',
        stageReason: 'first order',
      },
    });
    expect(patch.statusCode).toBe(200);
    const page = patch.json();
    expect(page.contact).toMatchObject({
      preferredName: { value: 'Addie', confirmed: false },
      pronouns: 'she/her',
      insights: ['prefers email'],
      lifecycle: 'customer',
      journeyStage: 'decision',
    });
    expect(page.stageHistory).toMatchObject([
      { kind: 'lifecycle', from: 'prospect', to: 'customer', reason: 'first order' },
      { kind: 'journey', from: null, to: 'decision', reason: 'first order' },
    ]);
    const confirm = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/contacts/${ada}`,
      headers: h,
      payload: { preferredNameConfirmed: true },
    });
    expect(confirm.json().contact.preferredName).toEqual({ value: 'Addie', confirmed: true });

    const note = await t.app.inject({
      method: 'POST',
      url: `/api/v1/contacts/${ada}/notes`,
      headers: h,
      payload: { text: 'daughter’s wedding in June' },
    });
    expect(note.statusCode).toBe(201);
    const call = await t.app.inject({
      method: 'POST',
      url: `/api/v1/contacts/${ada}/interactions`,
      headers: h,
      payload: { kind: 'call', at: T0 + 3_600_000, note: 'called about the order' },
    });
    expect(call.json().interaction).toMatchObject({ kind: 'call', userId: t.userIds.agent });
    const birthday = await t.app.inject({
      method: 'POST',
      url: `/api/v1/contacts/${ada}/occasions`,
      headers: h,
      payload: { kind: 'birthday', month: 12, day: 10 },
    });
    expect(birthday.json().occasion).toMatchObject({ month: 12, day: 10, remindDaysBefore: 3 });
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/contacts/${ada}/occasions`,
      headers: h,
      payload: { kind: 'birthday', month: 2, day: 30 },
    });
    expect(bad.statusCode).toBe(400);

    const got = (
      await t.app.inject({ method: 'GET', url: `/api/v1/contacts/${ada}`, headers: t.bearer(t.viewerToken) })
    ).json();
    expect(got.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'note',
      'interaction',
      'message',
      'message',
    ]);
    expect(got.occasions).toHaveLength(1);
    expect(got.journeySuggestion).toBeNull();
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/contacts/${ada}/occasions/${got.occasions[0].id}`,
      headers: h,
    });
    expect(del.statusCode).toBe(204);
    // viewers read, they do not write
    const viewerWrite = await t.app.inject({
      method: 'POST',
      url: `/api/v1/contacts/${ada}/notes`,
      headers: t.bearer(t.viewerToken),
      payload: { text: 'x' },
    });
    expect(viewerWrite.statusCode).toBe(403);
  });

  it('merges two contacts of one person and un-merges them', async () => {
    const { ada, ada2, bob } = await seed();
    const h = t.bearer(t.agentToken);
    const merged = await t.app.inject({
      method: 'POST',
      url: `/api/v1/contacts/${ada}/merge`,
      headers: h,
      payload: { otherId: ada2 },
    });
    expect(merged.statusCode).toBe(200);
    const { mergeId, contact } = merged.json();
    expect(contact.contact.identities.map((i: { externalId: string }) => i.externalId)).toEqual([
      'ada@one.test',
      'ada.l@work.test',
    ]);
    expect(contact.timeline.filter((e: { kind: string }) => e.kind === 'message')).toHaveLength(3);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/contacts', headers: h })).json();
    expect(list.items.map((c: { id: number }) => c.id)).toEqual([bob, ada]);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/contacts/${ada}/merge`,
      headers: h,
      payload: { otherId: ada2 },
    });
    expect(again.statusCode).toBe(409);
    const self = await t.app.inject({
      method: 'POST',
      url: `/api/v1/contacts/${ada}/merge`,
      headers: h,
      payload: { otherId: ada },
    });
    expect(self.statusCode).toBe(400);
    const undo = await t.app.inject({
      method: 'POST',
      url: `/api/v1/contacts/${ada2}/unmerge`,
      headers: h,
      payload: { mergeId },
    });
    expect(undo.statusCode).toBe(200);
    const back = (await t.app.inject({ method: 'GET', url: `/api/v1/contacts/${ada2}`, headers: h })).json();
    expect(back.contact.mergedInto).toBeNull();
    expect(back.contact.identities.map((i: { externalId: string }) => i.externalId)).toEqual([
      'ada.l@work.test',
    ]);
    expect(back.merges[0].undoneAt).not.toBeNull();
  });

  it("confirms a chat visitor's typed address: the visitor joins the address's owner", async () => {
    const { ada } = await seed();
    const v = validateMessage({
      channel: 'chat',
      external_id: 'v1:c1',
      direction: 'inbound',
      author: { id: 'v1', handle: 'ada@one.test', name: 'Ada' },
      text: 'is my order shipped?',
      created_at: new Date(T0 + 600_000).toISOString(),
      thread_id: 'visitor:v1',
    });
    if (!v.ok) throw new Error(v.errors.join(', '));
    await ingestMessages(t.services, [v.message], systemActor);
    const h = t.bearer(t.agentToken);
    const list = (
      await t.app.inject({ method: 'GET', url: '/api/v1/contacts?channel=chat', headers: h })
    ).json();
    const visitor = list.items[0];
    expect(visitor.id).not.toBe(ada);
    expect(visitor.identities[0]).toMatchObject({ email: 'ada@one.test', emailConfirmed: false });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/contacts/${visitor.id}/identities/${visitor.identities[0].id}/confirm-email`,
      headers: h,
    });
    expect(res.json()).toMatchObject({ contactId: ada, email: 'ada@one.test' });
    const page = (await t.app.inject({ method: 'GET', url: `/api/v1/contacts/${ada}`, headers: h })).json();
    expect(page.contact.identities.map((i: { channel: string }) => i.channel)).toEqual(['email', 'chat']);
    // what the visitor wrote is now the person's: asking about an order suggests "decision"
    expect(page.journeySuggestion).toBe('decision');
  });

  it('suggests likely duplicates with reasons, never strangers who only share a name', async () => {
    t = await createTestApp(engine);
    await ingestMessages(
      t.services,
      [
        mail('sam@acme.test', 'Sam Lee', '<1@x>', 0),
        mail('s.lee@acme.test', 'Sam Lee', '<2@x>', 1),
        mail('sam.lee@gmail.com', 'Sam Lee', '<3@x>', 2),
      ],
      systemActor,
    );
    const h = t.bearer(t.viewerToken);
    const items = (await t.app.inject({ method: 'GET', url: '/api/v1/contacts', headers: h })).json().items;
    const of = (e: string) =>
      items.find((c: { identities: { externalId: string }[] }) => c.identities[0]!.externalId === e).id;
    const dupes = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/contacts/${of('sam@acme.test')}/duplicates`,
        headers: h,
      })
    ).json();
    expect(
      dupes.items.map((d: { contact: { id: number }; reasons: string[] }) => [d.contact.id, d.reasons]),
    ).toEqual([[of('s.lee@acme.test'), ['same name, both write from @acme.test']]]);
    const none = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/contacts/${of('sam.lee@gmail.com')}/duplicates`,
        headers: h,
      })
    ).json();
    expect(none.items).toEqual([]);
    // suggested, not merged
    expect(new Set(items.map((c: { id: number }) => c.id)).size).toBe(3);
  });
});
