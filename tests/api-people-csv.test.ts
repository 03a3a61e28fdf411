/**
 * Issue 12: contacts in and out as CSV. The API import (both engines) creates people with their
 * addresses, handles, birthday, customer-since date and notes, fills in known ones, counts the
 * rows it rejects with their reason, and changes nothing when the same file comes again; the CSV
 * export lists them; `rapport contacts import FILE` does the same from the shell, with progress.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contactsCommand } from '../src/cli/commands/contacts.js';
import { validateMessage } from '../src/domain/message-format.js';
import { ingestMessages } from '../src/ingest/ingest.js';
import { configFrom } from '../src/platform/config.js';
import { systemActor } from '../src/store/events-repo.js';
import { createTestApp, type TestApp } from './support/app.js';
import { runCommand } from './support/cli.js';
import { testEngines } from './support/engines.js';

const CSV = [
  'Name,Emails,Handles,Birthday,Customer Since,Notes',
  'Ann Lee,ann@example.com;ann.lee@work.test,bluesky:@ann.bsky.social,--06-14,2019-03-01,"Prefers email, mornings"',
  'Bo Berg,BO@example.com,,1990-02-30,,',
  'Cy Dahl,,twitter:cydahl,,,Met at the fair',
  'Dee Existing,dee@example.com,,,2021-09-09,',
  ',,,,,',
  'No Way,not-an-address,,,,',
].join('\n');

describe.each(testEngines)('contacts CSV on %s', (engine) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('imports once, counts rejections, changes nothing on a rerun, and exports', async () => {
    t = await createTestApp(engine);
    const mail = validateMessage({
      channel: 'email',
      external_id: '<d1@x.test>',
      direction: 'inbound',
      author: { id: 'dee@example.com', handle: 'dee@example.com', name: 'Dee' },
      text: 'Hello!',
      created_at: new Date().toISOString(),
    });
    if (!mail.ok) throw new Error('bad message');
    await ingestMessages(t.services, [mail.message], systemActor);
    const h = t.bearer(t.agentToken);
    const run = () =>
      t.app.inject({ method: 'POST', url: '/api/v1/contacts/import', headers: h, payload: { csv: CSV } });

    const first = await run();
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ rows: 5, created: 2, updated: 1, unchanged: 0, rejected: 2 });
    expect(first.json().rejections.map((r: { row: number }) => r.row)).toEqual([3, 7]);
    expect(first.json().rejections[0].reason).toContain('birthday');

    const second = await run();
    expect(second.json()).toMatchObject({ rows: 5, created: 0, updated: 0, unchanged: 3, rejected: 2 });

    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/contacts?q=ann', headers: h })).json();
    expect(list.items).toHaveLength(1);
    const ann = (
      await t.app.inject({ method: 'GET', url: `/api/v1/contacts/${list.items[0].id}`, headers: h })
    ).json();
    expect(
      ann.contact.identities
        .map((i: { channel: string; handle: string }) => `${i.channel}:${i.handle}`)
        .sort(),
    ).toEqual(['bluesky:ann.bsky.social', 'email:ann.lee@work.test', 'email:ann@example.com']);
    expect(
      ann.occasions.map((o: { kind: string; month: number; day: number; year: number | null }) => [
        o.kind,
        o.month,
        o.day,
        o.year,
      ]),
    ).toEqual([
      ['customer_since', 3, 1, 2019],
      ['birthday', 6, 14, null],
    ]);
    expect(
      ann.timeline.filter((e: { kind: string }) => e.kind === 'note').map((e: { text: string }) => e.text),
    ).toEqual(['Prefers email, mornings']);
    // the person who had written by mail was filled in, not duplicated
    const dee = (await t.app.inject({ method: 'GET', url: '/api/v1/contacts?q=dee', headers: h })).json()
      .items;
    expect(dee.map((c: { name: string }) => c.name)).toEqual(['Dee']);

    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/contacts/export.csv', headers: h });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('id,name,emails,handles,birthday,customer_since,notes,lifecycle,last_contact');
    expect(lines).toHaveLength(4);
    expect(csv.body).toContain(
      'Ann Lee,ann@example.com;ann.lee@work.test,bluesky:ann.bsky.social,06-14,2019-03-01,"Prefers email, mornings",prospect,',
    );
    expect(csv.body).toContain(',Cy Dahl,,twitter:cydahl,,,Met at the fair,prospect,');
  });
});

describe('rapport contacts import / export', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('imports a file with progress and a summary, and is safe to run again', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-contacts-'));
    dirs.push(dir);
    const file = path.join(dir, 'people.csv');
    fs.writeFileSync(file, CSV);
    const config = configFrom({ RAPPORT_DATA_DIR: dir, RAPPORT_LOG_LEVEL: 'silent' });
    const first = await runCommand(contactsCommand, ['import', file], config);
    expect(first.out).toContain('5 rows: 3 created, 0 updated, 0 unchanged, 2 rejected');
    expect(first.out).toContain('row 3: not a date in birthday');
    expect(first.err).toContain('contacts');
    expect(first.code).toBe(1);
    const again = await runCommand(contactsCommand, ['import', file], config);
    expect(again.out).toContain('5 rows: 0 created, 0 updated, 3 unchanged, 2 rejected');
    const out = path.join(dir, 'out.csv');
    expect((await runCommand(contactsCommand, ['export', out], config)).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(4);
    await expect(runCommand(contactsCommand, ['import'], config)).rejects.toThrow(/give the CSV file/);
  });
});
