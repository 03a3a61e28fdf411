/**
 * The repositories' contract (tests/store/*.contract.test.ts): each store module's behaviour where
 * SQLite and PostgreSQL must agree, registered once per engine with its explicit skips (see
 * contract.ts). Every test starts on an empty, migrated database: a fresh in-memory SQLite file, or
 * one PostgreSQL schema per suite whose tables are emptied (identities restarted) before each test,
 * which is much faster than a schema per test (a migration that seeds rows would need re-seeding).
 *
 * Two checks come with every suite:
 *   - the same inputs give the same outputs: a test may return what it observed, and on PostgreSQL
 *     that value must equal what the same test returned on SQLite in the same run;
 *   - bad input changes nothing: expectUnchanged runs an action that must fail and compares every
 *     table before and after.
 *
 *   for (const engine of contractEngines) {
 *     runStoreContract('users repo', { engine }, (test) => {
 *       test('normalises emails', async ({ db }) => (await createUser(db.kysely, …)).email);
 *     });
 *   }
 */
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect } from 'vitest';
import type { Db } from '../../src/store/database.js';
import { type ContractOptions, contractTests, type Engine } from './contract.js';
import { freshDb } from './engines.js';

/** What a store contract test gets: an empty, migrated database and its engine. */
export interface StoreContext {
  db: Db;
  engine: Engine;
}

/** Registers one test of a store suite; what `fn` returns is compared across engines. */
export type StoreTest = (name: string, fn: (ctx: StoreContext) => Promise<unknown>, timeout?: number) => void;

/** What each test observed on SQLite, by suite and test, for the PostgreSQL run to match. */
const observedOnSqlite = new Map<string, unknown>();

/** Registers the store suite `name` on `options.engine`; `body` registers its tests. */
export function runStoreContract(name: string, options: ContractOptions, body: (test: StoreTest) => void) {
  const suite = `store contract: ${name}`;
  const { engine } = options;
  describe(`${suite} on ${engine}`, () => {
    const t = contractTests(suite, options);
    let db: Db | undefined;
    // PostgreSQL: one schema for the suite, emptied before each test; SQLite: a new file each test
    beforeAll(async () => {
      if (!t.allSkipped && engine === 'postgres') db = await freshDb('postgres');
    });
    beforeEach(async () => {
      if (t.allSkipped) return;
      if (engine === 'postgres') await emptyTables(db!);
      else db = await freshDb('sqlite');
    });
    afterEach(async () => {
      if (engine === 'sqlite') await db?.close();
    });
    afterAll(async () => {
      if (engine === 'postgres') await db?.close();
    });
    body((testName, fn, timeout) => {
      t.test(
        testName,
        async () => {
          const observed = await fn({ db: db!, engine });
          if (observed === undefined) return;
          const key = `${suite} › ${testName}`;
          if (engine === 'sqlite') observedOnSqlite.set(key, observed);
          else if (observedOnSqlite.has(key)) {
            expect(observed, 'the same inputs give what they gave on SQLite').toEqual(
              observedOnSqlite.get(key),
            );
          }
        },
        timeout,
      );
    });
    t.done();
  });
}

/** Names of Rapport's tables (not the migration log, not SQLite's search index internals). */
async function tableNames(db: Db): Promise<string[]> {
  const rows =
    db.engine === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'
          and name not like 'sqlite_%' and name not like 'messages_fts%'`.execute(db.kysely)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db.kysely);
  return rows.rows.map((r) => r.name).filter((n) => n !== 'rapport_migrations');
}

async function emptyTables(db: Db): Promise<void> {
  const names = await tableNames(db);
  if (names.length === 0) return;
  await sql.raw(`truncate table ${names.join(', ')} restart identity cascade`).execute(db.kysely);
}

/** Every row of every table, in a stable order: what "nothing changed" is checked against. */
export async function snapshot(db: Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const name of (await tableNames(db)).sort()) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db.kysely);
    out[name] = rows.rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

/**
 * Runs `action`, which must fail (with an error matching `error` when given), and checks that no
 * table changed: bad input is refused as a whole, on both engines.
 */
export async function expectUnchanged(
  db: Db,
  action: () => Promise<unknown>,
  error?: RegExp | (new (...args: never[]) => Error),
): Promise<void> {
  const before = await snapshot(db);
  if (error) await expect(action()).rejects.toThrow(error);
  else await expect(action()).rejects.toBeDefined();
  expect(await snapshot(db)).toEqual(before);
}
