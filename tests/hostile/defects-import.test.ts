/**
 * Issue 21, defects 1–4 through `rapport import`, on both engines: a hostile row is a counted,
 * reasoned rejection (exit 3), never the end of the import; NUL is replaced the way the API does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { importCommand } from '../../src/cli/commands/import.js';
import type { Services } from '../../src/commands/services.js';
import { importFile } from '../../src/ingest/import-file.js';
import { configFrom } from '../../src/platform/config.js';
import { freshDb, testEngines } from '../support/engines.js';
import { servicesFor } from '../support/services.js';
import { AWKWARD, AWKWARD_STORED, unstorableText } from './support.js';

const dirs: string[] = [];
function tempFile(name: string, content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-hostile-'));
  dirs.push(dir);
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}
afterAll(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const line = (fields: Record<string, unknown>) =>
  JSON.stringify({
    channel: 'dump',
    direction: 'inbound',
    author: { id: 'u1' },
    text: 'hello',
    created_at: '2020-05-01T10:00:00Z',
    ...fields,
  });
const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

/** One good row, then one of each hostile kind, then another good row. */
const hostileJsonl = [
  line({ external_id: 'good-1' }),
  line({ external_id: 'nul-1', text: 'a\u0000b', author: { id: 'u\u0000', name: '\u0000' } }),
  line({ external_id: 'deep-raw', raw: '__DEEP__' }).replace('"__DEEP__"', deep(10_000)),
  line({ external_id: 'deep-meta', meta: { a: '__DEEP__' } }).replace('"__DEEP__"', deep(10_000)),
  line({ external_id: '__BIG__' }).replace('"__BIG__"', '9007199254740993'),
  line({ external_id: 'big-parent', in_reply_to: '__BIG__' }).replace('"__BIG__"', '9007199254740995'),
  line({ external_id: 'far-future', created_at: 1e20 }),
  line({ external_id: 'seconds', created_at: 1_588_327_200 }),
  line({ external_id: 'good-2' }),
].join('\n');

describe.each(testEngines)('hostile import rows on %s', (engine) => {
  let services: Services | null = null;
  afterEach(async () => {
    await services?.db.close();
    services = null;
  });

  it('rejects each hostile row with its reason, stores the rest, and removes NUL', async () => {
    services = await servicesFor(await freshDb(engine));
    const rejects: { row: number; errors: string[] }[] = [];
    const summary = await importFile(services, tempFile('h.jsonl', hostileJsonl), {
      format: 'jsonl',
      onReject: (r) => rejects.push(r),
    });
    expect(summary).toMatchObject({ rows: 9, inserted: 3, rejected: 6 });
    const reasons = Object.fromEntries(rejects.map((r) => [r.row, r.errors.join('; ')]));
    expect(reasons[3]).toMatch(/raw: nested deeper than/);
    expect(reasons[4]).toMatch(/meta: nested deeper than/);
    expect(reasons[5]).toMatch(/external_id.*send ids as strings/);
    expect(reasons[6]).toMatch(/in_reply_to.*send ids as strings/);
    expect(reasons[7]).toMatch(/between 1970-01-01 and 2100-01-01/);
    expect(reasons[8]).toMatch(/looks like epoch seconds/);
    const rows = await services.db.kysely
      .selectFrom('messages')
      .select(['external_id', 'text', 'author_external_id'])
      .orderBy('external_id')
      .execute();
    expect(rows).toEqual([
      { external_id: 'good-1', text: 'hello', author_external_id: 'u1' },
      { external_id: 'good-2', text: 'hello', author_external_id: 'u1' },
      { external_id: 'nul-1', text: 'ab', author_external_id: 'u' },
    ]);
  });

  it('counts every other hostile row as a rejection with a reason, and keeps awkward text', async () => {
    services = await servicesFor(await freshDb(engine));
    const lines = [
      '{"channel":"dump","external_id":"trunc',
      '[]',
      '"just a string"',
      '42',
      'null',
      line({ external_id: 'wrong-types', text: 42, author: 'me', direction: true }),
      line({ external_id: 'huge', text: 'x'.repeat(1024 * 1024) }),
      line({ external_id: 'proto', __proto__: { polluted: true } }).replace('"proto"', '"proto"'),
      '{"__proto__":{"polluted":true},"channel":"dump","external_id":"proto-2","direction":"inbound","author":{"id":"u1"},"text":"p","created_at":"2020-05-01T10:00:00Z"}',
      line({ external_id: 'awkward', text: AWKWARD, author: { id: 'u1', name: AWKWARD } }),
      line({ external_id: 'raw-big', raw: { blob: 'x'.repeat(70_000) } }),
      line({ external_id: 'no-date', created_at: '2020-05-01 10:00:00' }),
    ];
    const file = tempFile(
      'more.jsonl',
      Buffer.concat([Buffer.from(`${lines.join('\n')}\n`), Buffer.from([0xff, 0xfe, 0x0a])]),
    );
    const rejects: { row: number; errors: string[] }[] = [];
    const summary = await importFile(services, file, { format: 'jsonl', onReject: (r) => rejects.push(r) });
    expect(summary.inserted).toBe(3);
    expect(summary.rejected).toBe(lines.length + 1 - 3);
    for (const r of rejects) expect(r.errors.join('; ').length, `row ${r.row}`).toBeGreaterThan(5);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const awkward = await services.db.kysely
      .selectFrom('messages')
      .select(['text', 'author_name'])
      .where('external_id', '=', 'awkward')
      .executeTakeFirstOrThrow();
    expect(awkward).toEqual({ text: AWKWARD_STORED, author_name: AWKWARD_STORED });
    expect(await unstorableText(services.db.kysely, engine)).toEqual([]);
  });

  it('keeps the exact digits of big ids from CSV and reads 10-digit times as seconds', async () => {
    services = await servicesFor(await freshDb(engine));
    const csv = [
      'external_id,direction,author_id,text,created_at,in_reply_to',
      '9007199254740993,inbound,1,first,1588327200,',
      '9007199254740992,outbound,2,second,1588327260000,9007199254740993',
      '9007199254740995.0,inbound,1,third,9999999999999,',
      'nul\u0000,inbound,1,fo\u0000urth,2020-05-01T11:00:00Z,',
    ].join('\n');
    const summary = await importFile(services, tempFile('big.csv', csv), {
      format: 'csv',
      mapping: { columns: {}, channel: 'dump' },
    });
    expect(summary).toMatchObject({ inserted: 3, rejected: 1 });
    expect(Object.keys(summary.rejectReasons).join()).toMatch(/between 1970-01-01 and 2100-01-01/);
    const rows = await services.db.kysely
      .selectFrom('messages')
      .select(['external_id', 'in_reply_to', 'created_at', 'conversation_id', 'text'])
      .orderBy('created_at')
      .execute();
    expect(rows.map((r) => [r.external_id, r.in_reply_to, r.created_at, r.text])).toEqual([
      ['9007199254740993', null, 1_588_327_200_000, 'first'],
      ['9007199254740992', '9007199254740993', 1_588_327_260_000, 'second'],
      ['nul', null, Date.UTC(2020, 4, 1, 11), 'fourth'],
    ]);
    expect(rows[0]!.conversation_id).toBe(rows[1]!.conversation_id);
  });
});

describe('rapport import exit code', () => {
  it('exits 3 (rows rejected) on a file with hostile rows, not 1', async () => {
    const file = tempFile('h.jsonl', hostileJsonl);
    const dataDir = path.dirname(file);
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (c) => {
      out += c;
    });
    const code = await importCommand.run([file], {
      config: configFrom({ RAPPORT_DATA_DIR: dataDir, RAPPORT_LOG_LEVEL: 'silent' }),
      stdin: new PassThrough(),
      stdout,
      stderr: new PassThrough(),
    });
    expect(out).toMatch(/inserted: +3/);
    expect(out).toMatch(/rejected: +6/);
    expect(code).toBe(3);
  });
});
