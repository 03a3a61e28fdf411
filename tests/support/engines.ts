import { randomBytes } from 'node:crypto';
import { configFrom } from '../../src/platform/config.js';
import { type Db, migrate, openDatabase } from '../../src/store/database.js';

/** The PostgreSQL URL the optional PostgreSQL suites run against, when one is set. */
export function pgTestUrl(): string | undefined {
  return process.env.RAPPORT_TEST_DATABASE_URL || undefined;
}

/** The engines a contract suite runs on: SQLite always, PostgreSQL when configured. */
export const testEngines: ('sqlite' | 'postgres')[] = pgTestUrl() ? ['sqlite', 'postgres'] : ['sqlite'];

let counter = 0;

/** A fresh, migrated database on the given engine: in-memory SQLite, or a new PostgreSQL schema. */
export async function freshDb(engine: 'sqlite' | 'postgres'): Promise<Db> {
  if (engine === 'sqlite') {
    const db = await openDatabase(configFrom({}), { sqliteFile: ':memory:' });
    await migrate(db);
    return db;
  }
  const url = pgTestUrl();
  if (!url) throw new Error('PostgreSQL test URL not set');
  counter += 1;
  // random bytes too: pids wrap, and other runs (CI, other sessions) share the same database
  const schema = `rapport_t_${process.pid}_${counter}_${randomBytes(6).toString('hex')}`;
  const db = await openDatabase(configFrom({ DATABASE_URL: url }), { pgSchema: schema });
  await migrate(db);
  const close = db.close;
  return {
    ...db,
    close: async () => {
      await close();
      const cleanup = await openDatabase(configFrom({ DATABASE_URL: url }));
      const { sql } = await import('kysely');
      await sql.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).execute(cleanup.kysely);
      await cleanup.close();
    },
  };
}
