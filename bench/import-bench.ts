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
import { DEFAULT_IMPORT_BATCH, READ_BATCH } from '../src/ingest/import-file.js';
import { configFrom } from '../src/platform/config.js';
import { BULK_LOAD_CHECKPOINT_PAGES, migrate, openDatabase } from '../src/store/database.js';
import { generateMessages } from './data.js';
import { watchPeakRss } from './stats.js';

export interface ImportBenchResult {
  rows: number;
  /** Messages per second when the raw engine writes every row the import wrote. */
  rawRowsPerSec: number;
  /** Messages per second when the raw engine writes only the messages table. */
  rawMessagesOnlyPerSec: number;
  /** The import's transaction size, and the raw engine's rate when it commits as often. */
  importTransactionRows: number;
  rawSameTransactionsPerSec: number;
  importRowsPerSec: number;
  ratio: number;
  /** Import rate over the raw rate at the import's own transaction size. */
  ratioSameTransactions: number;
  /** The raw rate at the import's transaction size with search indexed per read batch, as the import does. */
  rawBatchedSearchPerSec: number;
  ratioBatchedSearch: number;
  importMaxRssMb: number;
}

/** Tables an import writes, in foreign-key order. */
const TABLES = ['contacts', 'contact_identities', 'conversations', 'messages'] as const;

/** Rows an import wrote, loaded and ready to be copied by plain prepared inserts. */
export interface RawCopy {
  tables: { table: (typeof TABLES)[number]; rows: unknown[][]; insert: SqliteDatabase.Statement }[];
  /**
   * Inserts one table's rows in `transactionRows`-row transactions. With `searchBatch`, message
   * text is indexed for search once per that many rows, as the import does, instead of by the
   * schema's per-row trigger.
   */
  write(table: RawCopy['tables'][number], transactionRows: number, searchBatch?: number): void;
  /** Checkpoints as seldom as a bulk load does (see tuneForBulkLoad). */
  checkpointLikeImport(): void;
  close(): void;
}

/**
 * Loads every row an import wrote in `sourceDir` (contacts, identities, conversations, messages)
 * and prepares their inserts into a fresh database in `dir` with the same schema, indexes and
 * full-text triggers: the raw engine's side of the comparison, shared by the benches.
 */
export async function prepareRawCopy(sourceDir: string, dir: string): Promise<RawCopy> {
  const target = await openDatabase(configFrom({ RAPPORT_DATA_DIR: dir }));
  await migrate(target);
  await target.close();
  const source = new SqliteDatabase(path.join(sourceDir, 'rapport.db'), { readonly: true });
  const sqlite = new SqliteDatabase(path.join(dir, 'rapport.db'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  const tables = TABLES.map((table) => {
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
  const defer = sqlite.prepare('insert into messages_fts_deferred (id) values (1)');
  const index = sqlite.prepare(
    'insert into messages_fts (rowid, text) select id, text from messages where id between ? and ?',
  );
  const resume = sqlite.prepare('delete from messages_fts_deferred');
  return {
    tables,
    write(table, transactionRows, searchBatch) {
      const batched = searchBatch !== undefined && table.table === 'messages';
      const step = batched ? searchBatch : transactionRows;
      for (let i = 0; i < table.rows.length; i += transactionRows) {
        sqlite.transaction(() => {
          for (let j = i; j < Math.min(i + transactionRows, table.rows.length); j += step) {
            const rows = table.rows.slice(j, Math.min(j + step, i + transactionRows));
            if (batched) defer.run();
            for (const row of rows) table.insert.run(...row);
            if (batched) {
              index.run(rows[0]![0], rows.at(-1)![0]);
              resume.run();
            }
          }
        })();
      }
    },
    checkpointLikeImport: () => sqlite.pragma(`wal_autocheckpoint = ${BULK_LOAD_CHECKPOINT_PAGES}`),
    close: () => sqlite.close(),
  };
}

/**
 * The raw-engine baseline: copies every row the import wrote with plain prepared statements in
 * `transactionRows`-row transactions (1,000 for the baseline). Also times the messages table alone.
 * With `searchBatch`, it loads as the import does (search indexed per batch, seldom checkpoints).
 */
async function rawInsert(
  sourceDir: string,
  dir: string,
  transactionRows = 1000,
  searchBatch?: number,
): Promise<{ allRowsPerSec: number; messagesOnlyPerSec: number; messages: number }> {
  const copy = await prepareRawCopy(sourceDir, dir);
  if (searchBatch !== undefined) copy.checkpointLikeImport();
  let messagesSecs = 0;
  const started = performance.now();
  for (const table of copy.tables) {
    const t = performance.now();
    copy.write(table, transactionRows, searchBatch);
    if (table.table === 'messages') messagesSecs = (performance.now() - t) / 1000;
  }
  const secs = (performance.now() - started) / 1000;
  copy.close();
  const messages = copy.tables.find((d) => d.table === 'messages')!.rows.length;
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
  const rawSame = await rawInsert(dataDir, rawDir, DEFAULT_IMPORT_BATCH);
  fs.rmSync(rawDir, { recursive: true, force: true });
  const rawBatchedSearch = await rawInsert(dataDir, rawDir, DEFAULT_IMPORT_BATCH, READ_BATCH);
  fs.rmSync(rawDir, { recursive: true, force: true });
  const importRowsPerSec = rows / secs;
  return {
    rows,
    rawRowsPerSec: raw.allRowsPerSec,
    rawMessagesOnlyPerSec: raw.messagesOnlyPerSec,
    importTransactionRows: DEFAULT_IMPORT_BATCH,
    rawSameTransactionsPerSec: rawSame.allRowsPerSec,
    importRowsPerSec,
    ratio: importRowsPerSec / raw.allRowsPerSec,
    ratioSameTransactions: importRowsPerSec / rawSame.allRowsPerSec,
    rawBatchedSearchPerSec: rawBatchedSearch.allRowsPerSec,
    ratioBatchedSearch: importRowsPerSec / rawBatchedSearch.allRowsPerSec,
    importMaxRssMb,
  };
}
