/**
 * Bulk import against the raw engine, same run: `rapport import` (the whole pipeline: parsing,
 * validation, dedupe, contacts, threading, triage, conversations) versus plain better-sqlite3
 * prepared inserts of exactly the rows that import wrote, into the same migrated schema (same indexes
 * and full-text triggers).
 */

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { configFrom } from '../src/platform/config.js';
import { migrate, openDatabase } from '../src/store/database.js';
import { generateMessages } from './data.js';
import { watchPeakRss } from './stats.js';

export interface ImportBenchResult {
  rows: number;
  /** Messages per second when the raw engine writes every row the import wrote. */
  rawRowsPerSec: number;
  /** Messages per second when the raw engine writes only the messages table. */
  rawMessagesOnlyPerSec: number;
  importRowsPerSec: number;
  ratio: number;
  importMaxRssMb: number;
}

/** Tables an import writes, in foreign-key order. */
const TABLES = ['contacts', 'contact_identities', 'conversations', 'messages'] as const;

/**
 * The raw-engine baseline: copies every row the import wrote (contacts, identities, conversations,
 * messages) into a fresh database with the same schema, indexes and full-text triggers, using plain
 * prepared statements in 1,000-row transactions. Also times the messages table alone.
 */
async function rawInsert(
  sourceDir: string,
  dir: string,
): Promise<{ allRowsPerSec: number; messagesOnlyPerSec: number; messages: number }> {
  const target = await openDatabase(configFrom({ RAPPORT_DATA_DIR: dir }));
  await migrate(target);
  await target.close();
  const source = new SqliteDatabase(path.join(sourceDir, 'rapport.db'), { readonly: true });
  const sqlite = new SqliteDatabase(path.join(dir, 'rapport.db'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  const data = TABLES.map((table) => {
    const rows = source.prepare(`select * from ${table} order by id`).raw().all() as unknown[][];
    const columns = source
      .prepare(`select * from ${table} limit 1`)
      .columns()
      .map((c) => c.name);
    const insert = sqlite.prepare(
      `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
    );
    return { table, rows, insert };
  });
  source.close();
  const write = (table: (typeof data)[number]) => {
    for (let i = 0; i < table.rows.length; i += 1000) {
      sqlite.transaction(() => {
        for (const row of table.rows.slice(i, i + 1000)) table.insert.run(...row);
      })();
    }
  };
  let messagesSecs = 0;
  const started = performance.now();
  for (const table of data) {
    const t = performance.now();
    write(table);
    if (table.table === 'messages') messagesSecs = (performance.now() - t) / 1000;
  }
  const secs = (performance.now() - started) / 1000;
  sqlite.close();
  const messages = data.find((d) => d.table === 'messages')!.rows.length;
  return { allRowsPerSec: messages / secs, messagesOnlyPerSec: messages / messagesSecs, messages };
}

/** Runs the import of `rows` generated messages, then the raw baseline on what it wrote; leaves the imported database in `dataDir`. */
export async function runImportBench(
  rows: number,
  workDir: string,
  dataDir: string,
): Promise<ImportBenchResult> {
  const generated = generateMessages(rows, 7);
  const file = path.join(workDir, `messages-${rows}.jsonl`);
  fs.writeFileSync(file, `${generated.map((m) => JSON.stringify(m)).join('\n')}\n`);

  fs.rmSync(dataDir, { recursive: true, force: true });
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/rapport.js', 'import', file], {
    env: { ...process.env, RAPPORT_DATA_DIR: dataDir, RAPPORT_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (c) => {
    out += c;
  });
  const peak = watchPeakRss(child.pid!);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const secs = (performance.now() - started) / 1000;
  const importMaxRssMb = peak.stop();
  if (code !== 0 || !out.includes(`inserted:   ${rows}`)) throw new Error(`import failed (${code}): ${out}`);
  fs.rmSync(file, { force: true });

  const rawDir = path.join(workDir, 'raw');
  fs.rmSync(rawDir, { recursive: true, force: true });
  const raw = await rawInsert(dataDir, rawDir);
  fs.rmSync(rawDir, { recursive: true, force: true });
  const importRowsPerSec = rows / secs;
  return {
    rows,
    rawRowsPerSec: raw.allRowsPerSec,
    rawMessagesOnlyPerSec: raw.messagesOnlyPerSec,
    importRowsPerSec,
    ratio: importRowsPerSec / raw.allRowsPerSec,
    importMaxRssMb,
  };
}
