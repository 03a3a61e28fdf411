import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { configFrom } from '../platform/config.js';
import { type Db, openDatabase } from './database.js';
import { startWalCheckpoints, type WalCheckpoints } from './wal-checkpoints.js';

// Issue 21, defect 10: a commit that filled the WAL past 1,000 pages ran the checkpoint (copy and
// fsync) inline, on the event loop, and every request waited behind it. These check the mechanism
// (where checkpoints run), not a speed: the developers' guide keeps timings out of unit tests.

const dirs: string[] = [];
let db: Db | undefined;
let checkpoints: WalCheckpoints | undefined;

afterEach(async () => {
  await checkpoints?.stop();
  await db?.close();
  checkpoints = undefined;
  db = undefined;
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function fileDb(): Promise<{ db: Db; wal: () => number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-wal-'));
  dirs.push(dir);
  const opened = await openDatabase(configFrom({ RAPPORT_DATA_DIR: dir }));
  await sql`create table filler (id integer primary key, body blob not null)`.execute(opened.kysely);
  const file = path.join(dir, 'rapport.db-wal');
  return { db: opened, wal: () => (fs.existsSync(file) ? fs.statSync(file).size : 0) };
}

/** `commits` small write transactions through Kysely, as requests make them: about 2 pages each. */
async function writeCommits(target: Db, commits: number) {
  for (let i = 0; i < commits; i++) {
    await target.kysely.transaction().execute(async (trx) => {
      await sql`insert into filler (body) values (randomblob(6000))`.execute(trx);
    });
  }
}

describe('WAL checkpoints on SQLite', () => {
  it('are never run inside a commit once the background checkpointer runs, however far the WAL grows', async () => {
    const opened = await fileDb();
    db = opened.db;
    const pageSize = db.sqlite!.pragma('page_size', { simple: true }) as number;
    // the thread's own timer is out of the way: only runNow checkpoints here
    checkpoints = startWalCheckpoints(db, { everyMs: 3_600_000 });
    await writeCommits(db, 800);
    // inline, the commit that passed 1,000 pages would have checkpointed and the WAL restarted from
    // its beginning, so it would never have grown past about 1,000 pages
    expect(opened.wal()).toBeGreaterThan(1200 * pageSize);

    const result = await checkpoints.runNow();
    expect(result?.logFrames).toBeGreaterThan(1200);
    expect(result?.checkpointedFrames).toBe(result?.logFrames);
    const grown = opened.wal();
    // all of it is in the database now, so the next commit starts the WAL over instead of growing it
    await writeCommits(db, 10);
    expect(opened.wal()).toBe(grown);
    expect((await checkpoints.runNow())?.logFrames).toBeLessThan(100);
  });

  it('checkpoints on its own timer, off the connection that commits', async () => {
    const opened = await fileDb();
    db = opened.db;
    const walFile = `${db.sqlite!.name}-wal`;
    // the WAL header's salts change whenever a writer starts the log over, which it does only once
    // every frame has been checkpointed: watching them observes checkpoints without running one
    const salts = () => fs.readFileSync(walFile).subarray(16, 24).toString('hex');
    checkpoints = startWalCheckpoints(db, { everyMs: 50 });
    await writeCommits(db, 50);
    const first = salts();
    const deadline = Date.now() + 10_000;
    while (salts() === first && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      await writeCommits(db, 1);
    }
    expect(salts()).not.toBe(first);
  });

  it('hands checkpoints back to the connection when stopped', async () => {
    const opened = await fileDb();
    db = opened.db;
    const before = db.sqlite!.pragma('wal_autocheckpoint', { simple: true });
    checkpoints = startWalCheckpoints(db, { everyMs: 3_600_000 });
    expect(db.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await checkpoints.stop();
    expect(db.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(before);
  });

  it('does nothing on an in-memory database', async () => {
    db = await openDatabase(configFrom({}), { sqliteFile: ':memory:' });
    checkpoints = startWalCheckpoints(db);
    expect(await checkpoints.runNow()).toBeNull();
  });
});
