import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type IncomingMessage, validateMessage } from '../src/domain/message-format.js';
import { type BulkBatch, ingestBulk } from '../src/ingest/ingest-bulk.js';
import { configFrom } from '../src/platform/config.js';
import { migrate, openDatabase } from '../src/store/database.js';
import { systemActor } from '../src/store/events-repo.js';
import { servicesFor } from './support/services.js';

function msg(n: number): IncomingMessage {
  const v = validateMessage({
    channel: 'twitter',
    external_id: String(n),
    direction: n % 2 === 0 ? 'inbound' : 'outbound',
    author: n % 2 === 0 ? { id: `c${n % 97}` } : { id: 'brand' },
    text: `message ${n}`,
    created_at: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(),
    in_reply_to: n % 2 === 1 ? String(n - 1) : null,
  });
  if (!v.ok) throw new Error(v.errors.join(', '));
  return v.message;
}

async function* batches(count: number, size: number): AsyncGenerator<BulkBatch<number>> {
  for (let k = 0; k < count; k += 1) {
    yield { messages: Array.from({ length: size }, (_, i) => msg(k * size + i)), tag: k };
  }
}

describe('SQLite with another process writing', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('a bulk load and the other writer both finish: transactions take the write lock when they begin', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-writers-'));
    dirs.push(dir);
    const file = path.join(dir, 'rapport.db');
    const db = await openDatabase(configFrom({}), { sqliteFile: file });
    await migrate(db);
    const services = await servicesFor(db);
    // another process (a running server, say) commits a small write every half millisecond; the
    // pauses leave the import's waits for the lock short (a writer that never paused could starve it)
    const other = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(${JSON.stringify(file)});
         db.pragma('busy_timeout = 5000');
         const write = db.prepare("insert into events (at, actor_type, type) values (?, 'system', 'test.other')");
         const pause = new Int32Array(new SharedArrayBuffer(4));
         for (let n = 1; ; n++) {
           write.run(Date.now());
           if (n === 20) process.stdout.write('ready\\n');
           Atomics.wait(pause, 0, 0, 0.5);
         }`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise((resolve) => other.stdout!.once('data', resolve));
    try {
      let inserted = 0;
      await ingestBulk(services, batches(100, 100), systemActor, {
        perCommit: 200,
        onCommit: (done) => {
          for (const d of done) inserted += d.inserted;
        },
      });
      expect(inserted).toBe(10_000);
    } finally {
      other.kill('SIGKILL');
      await new Promise((resolve) => other.once('exit', resolve));
    }
    const count = db.sqlite!.prepare('select count(*) n from messages').get() as { n: number };
    const events = db.sqlite!.prepare("select count(*) n from events where type = 'test.other'").get() as {
      n: number;
    };
    expect(count.n).toBe(10_000);
    expect(events.n).toBeGreaterThanOrEqual(20);
    await db.close();
  });
});
