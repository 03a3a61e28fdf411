import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { configFrom } from '../../src/platform/config.js';
import { type Db, migrate, openDatabase } from '../../src/store/database.js';
import { appendEvent, systemActor } from '../../src/store/events-repo.js';
import { freshDb, pgTestUrl, testEngines } from '../support/engines.js';

const CHILD = path.resolve('tests/events/crash-listener.ts');
const BURST = 1000;

/** A listener process; `handled` collects the ids it printed (handled, maybe not yet committed). */
function startListener(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const handled: number[] = [];
  let buffer = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`listener exited early (${code})`)));
    child.stdout!.on('data', (chunk) => {
      buffer += String(chunk);
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready') resolve();
        else if (line.startsWith('handled ')) handled.push(Number(line.slice(8)));
      }
    });
  });
  return { child, handled, ready };
}

async function kill(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}

async function effects(db: Db) {
  const r = await sql<{ total: number; uniq: number }>`
    select count(*) as total, count(distinct event_id) as uniq from listener_effects`.execute(db.kysely);
  return { total: Number(r.rows[0]!.total), distinct: Number(r.rows[0]!.uniq) };
}

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 180_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe.each(testEngines)('a listener killed mid-burst (%s)', (engine) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('resumes after a restart and applies each of 1,000 events exactly once', {
    timeout: 120_000,
  }, async () => {
    let db: Db;
    let args: string[];
    if (engine === 'sqlite') {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-crash-'));
      const file = path.join(dir, 'rapport.db');
      db = await openDatabase(configFrom({}), { sqliteFile: file });
      await migrate(db);
      args = [file];
      cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    } else {
      db = await freshDb('postgres');
      args = [pgTestUrl()!, db.schema!];
    }
    cleanups.push(() => db.close());
    await sql`create table listener_effects (event_id bigint not null)`.execute(db.kysely);
    await sql`create table listener_counter (n integer not null)`.execute(db.kysely);
    await sql`insert into listener_counter (n) values (0)`.execute(db.kysely);

    const first = startListener(args);
    cleanups.push(() => kill(first.child, 'SIGKILL'));
    await first.ready;

    // the burst: 1,000 events in transactions of 10, while the listener works through them
    const ids: number[] = [];
    let burstDone = false;
    const burst = (async () => {
      for (let i = 0; i < BURST / 10; i += 1) {
        await db.kysely.transaction().execute(async (trx) => {
          for (let j = 0; j < 10; j += 1) {
            ids.push(
              await appendEvent(trx, {
                at: Date.now(),
                actor: systemActor,
                type: 'messages.ingested',
                data: { inserted: i * 10 + j, duplicates: 0 },
              }),
            );
          }
        });
      }
      burstDone = true;
    })();

    // kill it while it has handled events it has not committed yet
    let committedAtKill = 0;
    await until('the listener to be mid-transaction', async () => {
      const { total } = await effects(db);
      committedAtKill = total;
      return total >= 100 && first.handled.length > total;
    });
    await kill(first.child, 'SIGKILL');
    const handledBeforeKill = first.handled.length;
    expect(handledBeforeKill).toBeGreaterThan(committedAtKill);
    const afterKill = await effects(db);
    expect(afterKill.total).toBeLessThan(handledBeforeKill);
    expect(afterKill.total).toBe(afterKill.distinct);
    expect(afterKill.total).toBeLessThan(BURST);
    await burst;
    expect(burstDone).toBe(true);

    const second = startListener(args);
    cleanups.push(() => kill(second.child, 'SIGTERM'));
    await second.ready;
    await until('every event to be applied', async () => (await effects(db)).total >= BURST);
    await sleep(300); // anything applied twice would show up now
    await kill(second.child, 'SIGTERM');

    const final = await effects(db);
    expect(final).toEqual({ total: BURST, distinct: BURST });
    const counter = await sql<{ n: number }>`select n from listener_counter`.execute(db.kysely);
    expect(Number(counter.rows[0]!.n)).toBe(BURST);
    const applied = await sql<{ event_id: number }>`select event_id from listener_effects`.execute(db.kysely);
    expect(new Set(applied.rows.map((r) => Number(r.event_id)))).toEqual(new Set(ids));
    // the restarted listener picked up where the committed cursor was, including the lost in-flight work
    expect(second.handled[0]).toBeLessThanOrEqual(first.handled[committedAtKill]!);
    const cursor = await db.kysely
      .selectFrom('event_listeners')
      .select('position')
      .where('name', '=', 'crash-test')
      .executeTakeFirstOrThrow();
    expect(Number(cursor.position)).toBe(Math.max(...ids));
  });
});
