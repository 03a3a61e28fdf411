import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { importCommand } from '../src/cli/commands/import.js';
import { configFrom } from '../src/platform/config.js';
import { openServices } from '../src/runtime/services.js';
import { DUMP_IMPORT_ARGS, generateSupportDump, toCsv } from './support/support-dump.js';

const dirs: string[] = [];
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-import-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function runImport(dataDir: string, args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => {
    out += c;
  });
  stderr.on('data', (c) => {
    err += c;
  });
  const code = await importCommand.run(args, {
    config: configFrom({ RAPPORT_DATA_DIR: dataDir, RAPPORT_LOG_LEVEL: 'silent' }),
    stdin: new PassThrough(),
    stdout,
    stderr,
  });
  return { code, out, err };
}

function readDb(dataDir: string) {
  const db = new SqliteDatabase(path.join(dataDir, 'rapport.db'), { readonly: true });
  try {
    const messages = db.prepare('select count(*) n from messages').get() as { n: number };
    const conversations = db
      .prepare('select id, first_inbound_at, first_response_at from conversations')
      .all() as { id: number; first_inbound_at: number; first_response_at: number | null }[];
    const membership = db.prepare('select external_id, conversation_id from messages').all() as {
      external_id: string;
      conversation_id: number;
    }[];
    return { messages: messages.n, conversations, membership };
  } finally {
    db.close();
  }
}

function expectMatches(dataDir: string, expected: ReturnType<typeof generateSupportDump>['expected']) {
  const state = readDb(dataDir);
  expect(state.messages).toBe(expected.reduce((n, t) => n + t.ids.length, 0));
  expect(state.conversations).toHaveLength(expected.length);
  const convOf = new Map(state.membership.map((m) => [m.external_id, m.conversation_id]));
  const byId = new Map(state.conversations.map((c) => [c.id, c]));
  for (const thread of expected) {
    const convs = new Set(thread.ids.map((id) => convOf.get(id)));
    expect(convs.size).toBe(1);
    const conv = byId.get([...convs][0]!)!;
    expect(conv.first_inbound_at).toBe(thread.firstInbound);
    expect(conv.first_response_at).toBe(thread.firstResponse);
  }
}

describe('rapport import', () => {
  it('imports a reply dump with exact counts and first-response times, and a rerun changes nothing', async () => {
    const dir = tempDir();
    const dump = generateSupportDump(400);
    const file = path.join(dir, 'dump.csv');
    fs.writeFileSync(file, toCsv(dump.rows));
    const first = await runImport(dir, [file, ...DUMP_IMPORT_ARGS]);
    expect(first.code).toBe(0);
    expect(first.out).toContain(`inserted:   ${dump.rows.length}`);
    expectMatches(dir, dump.expected);
    const before = readDb(dir);
    const again = await runImport(dir, [file, ...DUMP_IMPORT_ARGS]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('inserted:   0');
    expect(again.out).toContain(`duplicates: ${dump.rows.length}`);
    expect(readDb(dir)).toEqual(before);
  });

  it('reports rejected JSONL rows with reasons and imports the rest', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'in.jsonl');
    const ok = {
      channel: 'generic',
      external_id: '1',
      direction: 'inbound',
      author: { id: 'a' },
      text: 'hi',
      created_at: '2026-01-01T00:00:00Z',
    };
    fs.writeFileSync(
      file,
      [
        JSON.stringify(ok),
        '{not json',
        JSON.stringify({ ...ok, external_id: '2', created_at: 'soon' }),
        JSON.stringify({ ...ok, external_id: '3' }),
        '',
      ].join('\n'),
    );
    const r = await runImport(dir, [file]);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/inserted: +2/);
    expect(r.out).toMatch(/rejected: +2/);
    expect(r.out).toContain('1 × invalid JSON');
    expect(r.out).toContain('created_at must be ISO 8601');
    expect(r.err).toContain('rejected row 2');
  });

  it('triages on the reader thread exactly as the workspace model in use would', async () => {
    const dir = tempDir();
    const config = configFrom({ RAPPORT_DATA_DIR: dir, RAPPORT_LOG_LEVEL: 'silent' });
    const setup = await openServices(config);
    // corrections not yet folded into a stored version: the import must still use them
    for (const word of ['meh', 'mid', 'meh', 'mid'])
      await setup.triage.recordCorrection(
        {
          text: `the burger was ${word}`,
          field: 'sentiment',
          label: 'negative',
          messageId: null,
          userId: null,
        },
        Date.now(),
      );
    const triager = setup.triage.current();
    await setup.db.close();
    const texts = ['the fries were mid', 'thanks, all sorted!', 'where is my parcel??', 'the shake was meh'];
    const file = path.join(dir, 'in.jsonl');
    fs.writeFileSync(
      file,
      texts
        .map((text, i) =>
          JSON.stringify({
            channel: 'generic',
            external_id: String(i),
            direction: i === 1 ? 'outbound' : 'inbound',
            author: { id: `a${i}` },
            text,
            created_at: '2026-01-01T00:00:00Z',
          }),
        )
        .join('\n'),
    );
    expect((await runImport(dir, [file])).code).toBe(0);
    const db = new SqliteDatabase(path.join(dir, 'rapport.db'), { readonly: true });
    const rows = db
      .prepare('select external_id, sentiment, sentiment_score, intent, priority, triage_json from messages')
      .all() as Record<string, string | number | null>[];
    db.close();
    expect(rows).toHaveLength(texts.length);
    for (const row of rows) {
      const i = Number(row.external_id);
      if (i === 1) {
        expect(row.sentiment).toBeNull();
        continue;
      }
      const t = triager.triage({ text: texts[i]!, channel: 'generic', authorFollowers: null });
      expect(row).toMatchObject({ sentiment: t.sentiment, intent: t.intent, priority: t.priority });
      expect(row.sentiment_score).toBeCloseTo(t.sentimentScore, 12);
      expect(JSON.parse(String(row.triage_json)).model).toBe(t.model);
    }
    expect(rows.find((r) => r.external_id === '0')!.sentiment).toBe('negative');
  });

  it('refuses bad usage clearly', async () => {
    const dir = tempDir();
    await expect(runImport(dir, [])).rejects.toThrow(/exactly one FILE/);
    await expect(runImport(dir, ['x.csv', '--map', 'nonsense=col'])).rejects.toThrow(/bad mapping/);
    await expect(runImport(dir, [path.join(dir, 'missing.jsonl')])).rejects.toThrow(/cannot read/);
    await expect(runImport(dir, ['x.csv', '--resolve', 'some'])).rejects.toThrow(/all or answered/);
    await expect(runImport(dir, ['x.csv', '--direction', 'sideways'])).rejects.toThrow(/inbound or outbound/);
    expect(fs.existsSync(path.join(dir, 'rapport.db'))).toBe(false);
  });

  it('survives SIGKILL mid-import: rerunning ends with exact counts', async () => {
    const dir = tempDir();
    const dump = generateSupportDump(6000, 7);
    const file = path.join(dir, 'big.csv');
    fs.writeFileSync(file, toCsv(dump.rows));
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'import', file, '--batch', '200', ...DUMP_IMPORT_ARGS],
      { env: { ...process.env, RAPPORT_DATA_DIR: dir, RAPPORT_LOG_LEVEL: 'silent' }, stdio: 'ignore' },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let killedMidway = false;
    for (let i = 0; i < 400; i++) {
      await new Promise((r) => setTimeout(r, 50));
      if (child.exitCode !== null) break;
      if (!fs.existsSync(path.join(dir, 'rapport.db'))) continue;
      let count = 0;
      try {
        count = readDb(dir).messages;
      } catch {
        continue;
      }
      if (count > 0 && count < dump.rows.length) {
        child.kill('SIGKILL');
        killedMidway = true;
        break;
      }
    }
    await exited;
    expect(killedMidway).toBe(true);
    expect(readDb(dir).messages).toBeLessThan(dump.rows.length);
    const rerun = await runImport(dir, [file, ...DUMP_IMPORT_ARGS]);
    expect(rerun.code).toBe(0);
    expectMatches(dir, dump.expected);
  }, 120_000);
});
