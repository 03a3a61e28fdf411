/**
 * Issue 12, privacy, on both engines: a person's export holds everything stored about them, and
 * erasing them leaves no words of theirs and no identity behind (not in messages, previews, notes,
 * the search index or the event log), while the counts stay and other people are untouched.
 */
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { validateMessage } from '../src/domain/message-format.js';
import { ingestMessages } from '../src/ingest/ingest.js';
import { ManualClock } from '../src/platform/clock.js';
import { systemActor } from '../src/store/events-repo.js';
import { createTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/engines.js';

const NOW = Date.UTC(2026, 11, 5, 9);
let seq = 0;

function mail(from: string, name: string, text: string) {
  seq += 1;
  const v = validateMessage({
    channel: 'email',
    external_id: `<m${seq}@x.test>`,
    direction: 'inbound',
    author: { id: from, handle: from, name },
    text,
    created_at: new Date(NOW - 1000 * seq).toISOString(),
    thread_id: `t-${from}`,
  });
  if (!v.ok) throw new Error(v.errors.join(', '));
  return v.message;
}

describe.each(testEngines)('export and erase a person on %s', (engine) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('exports everything about a person, then erases them without a trace but with the counts', async () => {
    t = await createTestApp(engine, {}, { clock: new ManualClock(NOW) });
    const agent = t.bearer(t.agentToken);
    await ingestMessages(
      t.services,
      [
        mail('zelda@quux.test', 'Zelda Quuxworth', 'My plumcake order for Zanzibarstreet 9 is late'),
        mail('zelda@quux.test', 'Zelda Quuxworth', 'Please call me back about the plumcake'),
        mail('otto@x.test', 'Otto', 'Is the plumcake vegan?'),
      ],
      systemActor,
    );
    await t.events.settle();
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/contacts', headers: agent })).json();
    const zelda = list.items.find((c: { name: string }) => c.name === 'Zelda Quuxworth');
    const conversationId = (
      await t.app.inject({ method: 'GET', url: `/api/v1/contacts/${zelda.id}`, headers: agent })
    ).json().timeline[0].conversationId;
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/contacts/${zelda.id}/notes`,
      headers: agent,
      payload: { text: 'Zelda lives on Zanzibarstreet' },
    });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/notes`,
      headers: agent,
      payload: { text: 'Zelda Quuxworth called twice' },
    });
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/contacts/${zelda.id}`,
      headers: agent,
      payload: { preferredName: 'Zel', insights: ['allergic to Zanzibar nuts'], company: 'Quux Ltd' },
    });

    const exported = await t.app.inject({
      method: 'GET',
      url: `/api/v1/contacts/${zelda.id}/export`,
      headers: agent,
    });
    expect(exported.statusCode).toBe(200);
    const data = exported.json();
    expect(data.contacts[0]).toMatchObject({
      name: 'Zelda Quuxworth',
      preferred_name: 'Zel',
      company: 'Quux Ltd',
    });
    expect(data.identities.map((i: { email: string }) => i.email)).toEqual(['zelda@quux.test']);
    expect(data.messages.map((m: { text: string }) => m.text)).toHaveLength(2);
    expect(JSON.stringify(data.messages)).toContain('Zanzibarstreet 9');
    expect(data.notes[0].text).toBe('Zelda lives on Zanzibarstreet');
    expect(data.conversationNotes[0].text).toBe('Zelda Quuxworth called twice');

    const db = t.services.db.kysely;
    const countMessages = async () =>
      Number(
        (
          await db
            .selectFrom('messages')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await countMessages();

    expect(
      (await t.app.inject({ method: 'POST', url: `/api/v1/contacts/${zelda.id}/erase`, headers: agent }))
        .statusCode,
    ).toBe(403);
    const erased = await t.app.inject({
      method: 'POST',
      url: `/api/v1/contacts/${zelda.id}/erase`,
      headers: t.admin.headers,
    });
    expect(erased.statusCode).toBe(200);
    expect(erased.json().erased).toEqual({
      contacts: [zelda.id],
      conversations: 1,
      messages: 2,
      identities: 1,
    });

    // no words and no identity of theirs anywhere
    const traces = ['zelda', 'quux', 'zanzibar', 'zel'];
    const tables = [
      'messages',
      'conversations',
      'notes',
      'contacts',
      'contact_identities',
      'contact_notes',
      'contact_occasions',
      'contact_email_proofs',
      'events',
      'attachments',
      'triage_corrections',
    ];
    for (const table of tables) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
      const text = JSON.stringify(rows.rows, (_k, v) =>
        typeof v === 'bigint' ? Number(v) : v,
      ).toLowerCase();
      for (const word of traces) expect(text, `${table} still holds "${word}"`).not.toContain(word);
    }
    // not in the search index either, while the others' words still are
    const search = async (q: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/v1/conversations?q=${q}`, headers: agent })).json()
        .items;
    expect(await search('Zanzibarstreet')).toEqual([]);
    expect((await search('plumcake')).map((c: { id: number }) => c.id)).not.toContain(conversationId);
    expect(await search('plumcake')).toHaveLength(1);
    if (engine === 'sqlite') {
      const hits = await sql<{
        n: number;
      }>`select count(*) as n from messages_fts where messages_fts match 'zanzibarstreet OR quuxworth'`.execute(
        db,
      );
      expect(Number(hits.rows[0]!.n)).toBe(0);
    } else {
      const hits = await sql<{
        n: number;
      }>`select count(*) as n from messages where search @@ to_tsquery('simple', 'zanzibarstreet | plumcake')`.execute(
        db,
      );
      expect(Number(hits.rows[0]!.n)).toBe(1);
    }

    // the counts stay: the messages and conversation are there, anonymous
    expect(await countMessages()).toBe(before);
    const conversation = await db
      .selectFrom('conversations')
      .selectAll()
      .where('id', '=', conversationId)
      .executeTakeFirstOrThrow();
    expect(conversation.message_count).toBe(2);
    const page = (
      await t.app.inject({ method: 'GET', url: `/api/v1/contacts/${zelda.id}`, headers: agent })
    ).json();
    expect(page.contact).toMatchObject({
      name: null,
      erased: true,
      identities: [],
      insights: [],
      preferredName: null,
    });
    // the audit record
    const audit = await db.selectFrom('events').selectAll().where('type', '=', 'contact.erased').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.data_json!)).toMatchObject({ contactId: zelda.id, messages: 2 });
    expect(
      await db.selectFrom('events').select('id').where('type', '=', 'contact.exported').execute(),
    ).toHaveLength(1);
    // the others are untouched, and the list no longer shows the erased person
    const names = (await t.app.inject({ method: 'GET', url: '/api/v1/contacts', headers: agent }))
      .json()
      .items.map((c: { name: string }) => c.name);
    expect(names).toEqual(['Otto']);
  });
});
