/**
 * Bulk import against the raw engine: the same rows written by `rapport import` (the whole pipeline:
 * validation, dedupe, contacts, threading, triage, conversations) and by plain better-sqlite3
 * prepared inserts into the same migrated schema (same indexes and full-text triggers), same run.
 */

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { type IncomingMessage, validateMessage } from '../src/domain/message-format.js';
import { configFrom } from '../src/platform/config.js';
import { migrate, openDatabase } from '../src/store/database.js';
import { generateMessages } from './data.js';
import { watchPeakRss } from './stats.js';

export interface ImportBenchResult {
  rows: number;
  rawRowsPerSec: number;
  importRowsPerSec: number;
  ratio: number;
  importMaxRssMb: number;
}

async function rawInsert(dir: string, messages: IncomingMessage[]): Promise<number> {
  const db = await openDatabase(configFrom({ RAPPORT_DATA_DIR: dir }));
  await migrate(db);
  await db.close();
  const sqlite = new SqliteDatabase(path.join(dir, 'rapport.db'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  const conv = sqlite
    .prepare(
      `insert into conversations (channel, status, priority, last_message_at, last_message_preview, last_message_direction, message_count, created_at, updated_at) values ('twitter','open',0,0,'','inbound',0,0,0)`,
    )
    .run().lastInsertRowid;
  const insert = sqlite.prepare(
    `insert into messages (conversation_id, channel, external_id, direction, author_external_id, author_handle, author_name, text, created_at, received_at, in_reply_to, delivery_status) values (?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const started = performance.now();
  const now = Date.now();
  for (let i = 0; i < messages.length; i += 1000) {
    sqlite.transaction(() => {
      for (const m of messages.slice(i, i + 1000)) {
        insert.run(
          conv,
          m.channel,
          m.external_id,
          m.direction,
          m.author.id,
          m.author.handle ?? null,
          m.author.name ?? null,
          m.text,
          m.created_at,
          now,
          m.in_reply_to ?? null,
          'received',
        );
      }
    })();
  }
  const secs = (performance.now() - started) / 1000;
  sqlite.close();
  return messages.length / secs;
}

/** Runs both imports of `rows` generated messages; leaves the imported database in `dataDir`. */
export async function runImportBench(
  rows: number,
  workDir: string,
  dataDir: string,
): Promise<ImportBenchResult> {
  const generated = generateMessages(rows, 7);
  const file = path.join(workDir, `messages-${rows}.jsonl`);
  fs.writeFileSync(file, `${generated.map((m) => JSON.stringify(m)).join('\n')}\n`);
  const parsed = generated.map((m) => {
    const v = validateMessage(m);
    if (!v.ok) throw new Error(v.errors.join(', '));
    return v.message;
  });

  const rawDir = path.join(workDir, 'raw');
  fs.rmSync(rawDir, { recursive: true, force: true });
  const rawRowsPerSec = await rawInsert(rawDir, parsed);
  fs.rmSync(rawDir, { recursive: true, force: true });

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
  const importRowsPerSec = rows / secs;
  return {
    rows,
    rawRowsPerSec,
    importRowsPerSec,
    ratio: importRowsPerSec / rawRowsPerSec,
    importMaxRssMb,
  };
}
