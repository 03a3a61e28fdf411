import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import SqliteDatabase from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { importCommand } from '../src/cli/commands/import.js';
import { configFrom } from '../src/platform/config.js';

/**
 * Imports a real public dump: the Twitter US Airline Sentiment dev split in ../shared/data
 * (customers' tweets to six airlines, CC BY-NC-SA, used here only to test). Expected values are
 * computed from the raw CSV here, independently of the import's code.
 */
const FILE = path.resolve('../shared/data/airline-sentiment/dev.csv');
const present = fs.existsSync(FILE);
if (!present) console.warn(`[rapport tests] NOTICE: real-data import test SKIPPED (${FILE} not found).`);

const ARGS = [
  FILE,
  '--channel',
  'twitter',
  '--map',
  'external_id=tweet_id,author.id=name,author.handle=name,created_at=tweet_created',
  '--direction',
  'inbound',
];

async function runImport(dataDir: string, args: string[]) {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (c) => {
    out += c;
  });
  const code = await importCommand.run(args, {
    config: configFrom({ RAPPORT_DATA_DIR: dataDir, RAPPORT_LOG_LEVEL: 'silent' }),
    stdin: new PassThrough(),
    stdout,
    stderr: new PassThrough(),
  });
  return { code, out };
}

/** "2015-02-24 11:35:52 -0800" → epoch ms, written out by hand rather than by the import's parser. */
function epochOf(created: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(created);
  if (!m) throw new Error(`unexpected timestamp ${created}`);
  const [, y, mo, d, h, mi, s, sign, oh, om] = m;
  const local = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!);
  const offset = (sign === '-' ? -1 : 1) * (+oh! * 60 + +om!) * 60_000;
  return local - offset;
}

describe.skipIf(!present)('rapport import of a real public dump (airline tweets)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-real-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores each tweet once, exactly as written, and a rerun changes nothing', async () => {
    const rows = parse(fs.readFileSync(FILE), { columns: true }) as Record<string, string>[];
    const first = new Map<string, Record<string, string>>();
    for (const r of rows) if (!first.has(r.tweet_id!)) first.set(r.tweet_id!, r);
    const authors = new Set([...first.values()].map((r) => r.name));
    expect(rows).toHaveLength(8784);
    expect(rows.length - first.size).toBeGreaterThan(0); // the dump repeats some tweets

    const run = await runImport(dir, ARGS);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`rows:       ${rows.length}`);
    expect(run.out).toContain(`inserted:   ${first.size}`);
    expect(run.out).toContain(`duplicates: ${rows.length - first.size}`);
    expect(run.out).toContain('rejected:   0');

    const db = new SqliteDatabase(path.join(dir, 'rapport.db'), { readonly: true });
    const stored = db
      .prepare(
        'select m.external_id, m.text, m.created_at, m.author_external_id, c.first_inbound_at, c.first_response_at, c.message_count from messages m join conversations c on c.id = m.conversation_id',
      )
      .all() as Record<string, string | number | null>[];
    const conversations = db.prepare('select count(*) n from conversations').get() as { n: number };
    const identities = db.prepare('select count(*) n from contact_identities').get() as { n: number };
    db.close();

    // nothing replies to anything here: one conversation per tweet, none answered
    expect(stored).toHaveLength(first.size);
    expect(conversations.n).toBe(first.size);
    expect(identities.n).toBe(authors.size);
    for (const s of stored) {
      const raw = first.get(s.external_id as string)!;
      expect(s.text).toBe(raw.text);
      expect(s.author_external_id).toBe(raw.name);
      expect(s.created_at).toBe(epochOf(raw.tweet_created!));
      expect(s.first_inbound_at).toBe(s.created_at);
      expect(s.first_response_at).toBeNull();
      expect(s.message_count).toBe(1);
    }

    const again = await runImport(dir, ARGS);
    expect(again.code).toBe(0);
    expect(again.out).toContain('inserted:   0');
    expect(again.out).toContain(`duplicates: ${rows.length}`);
  });
});
