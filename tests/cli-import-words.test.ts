/**
 * Issue 20, defect 7: `rapport import` says what is wrong with a row in words (not zod's
 * "text: Invalid input: expected string, received undefined"), and piped output (a CI log, `| tee`)
 * prints each progress line once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importCommand } from '../src/cli/commands/import.js';
import { configFrom } from '../src/platform/config.js';
import { runCommand } from './support/cli.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function importFile(name: string, content: string, args: string[] = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-import-words-'));
  dirs.push(dir);
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  // runCommand's streams are pipes, not terminals: exactly what `rapport import … | tee log` sees
  return runCommand(
    importCommand,
    [file, ...args],
    configFrom({ RAPPORT_DATA_DIR: dir, RAPPORT_LOG_LEVEL: 'silent' }),
  );
}

const ok = {
  channel: 'generic',
  external_id: '1',
  direction: 'inbound',
  author: { id: 'a' },
  text: 'hi',
  created_at: '2026-01-01T00:00:00Z',
};

describe('rapport import speaks in words', () => {
  it('explains each rejected JSONL row: a missing field, a wrong type, a wrong value', async () => {
    const { text: _omitted, ...noText } = ok;
    const rows = [
      ok,
      { ...noText, external_id: '2' },
      { ...ok, external_id: '3', text: 42 },
      { ...ok, external_id: '4', direction: 'sideways' },
      { ...ok, external_id: '5', author: {} },
    ];
    const r = await importFile('in.jsonl', `${rows.map((x) => JSON.stringify(x)).join('\n')}\n`);
    expect(r.code).toBe(3);
    const all = r.out + r.err;
    expect(all).not.toMatch(/Invalid input|expected string|received undefined|Invalid option/);
    expect(r.err).toContain('rejected row 2: missing text (the message itself)');
    expect(r.err).toContain('rejected row 3: text must be text, not a number');
    expect(r.err).toContain('rejected row 4: direction must be inbound or outbound, not "sideways"');
    expect(r.err).toContain("rejected row 5: missing author.id (the author's id on the channel)");
    expect(r.out).toContain('1 × missing text (the message itself)');
  });

  it('a CSV without the column a field needs says which --map to add', async () => {
    const r = await importFile('in.csv', 'id,body,when\n7,hello,2026-01-01T00:00:00Z\n', [
      '--channel',
      'generic',
      '--direction',
      'inbound',
      '--map',
      'external_id=id,created_at=when,author.id=id',
    ]);
    expect(r.code).toBe(3);
    expect(r.err).toContain('missing text (the message itself): map a column to it with --map text=COLUMN');
  });

  it('piped output prints each progress line once', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => JSON.stringify({ ...ok, external_id: String(i) }));
    const r = await importFile('in.jsonl', `${rows.join('\n')}\n`);
    expect(r.code).toBe(0);
    const progress = r.err.split('\n').filter((l) => l.startsWith('importing '));
    expect(progress.length).toBeGreaterThan(0);
    expect(new Set(progress.map((l) => l.replace(/ [\d.]+s /, ' ')))).toHaveProperty('size', progress.length);
    // no terminal redraws in a log
    expect(r.err.includes('\r')).toBe(false);
    expect(r.err.includes('\u001b[')).toBe(false);
  });
});
