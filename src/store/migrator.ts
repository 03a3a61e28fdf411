import { type Kysely, sql } from 'kysely';
import { AppError } from '../platform/errors.js';
import type { Db } from './database.js';
import { migrations } from './migrations/index.js';

/** Arbitrary constant naming Rapport's migration lock among PostgreSQL advisory locks. */
const PG_MIGRATION_LOCK = 7_215_301;

/**
 * Applies pending migrations in one transaction and records them in `rapport_migrations`.
 * Concurrent starts (server and CLI, several processes) are serialised: an advisory lock on
 * PostgreSQL, on SQLite the write lock its transactions take at BEGIN. Unlike Kysely's Migrator it never introspects the whole
 * catalogue, which fails on PostgreSQL when another session drops an unrelated schema meanwhile.
 */
export async function migrate(db: Db): Promise<string[]> {
  let current = '';
  try {
    return await db.kysely.transaction().execute(async (trx) => {
      // lock before anything else: PostgreSQL's "create table if not exists" races with itself
      if (db.engine === 'postgres') {
        await sql`select pg_advisory_xact_lock(${PG_MIGRATION_LOCK})`.execute(trx);
      }
      await sql`create table if not exists rapport_migrations (name text primary key, applied_at bigint not null)`.execute(
        trx,
      );
      const done = await sql<{ name: string }>`select name from rapport_migrations`.execute(trx);
      const applied = new Set(done.rows.map((r) => r.name));
      const ran: string[] = [];
      for (const [name, migration] of migrations) {
        if (applied.has(name)) continue;
        current = name;
        await migration.up(trx as unknown as Kysely<unknown>, db.engine);
        await sql`insert into rapport_migrations (name, applied_at) values (${name}, ${Date.now()})`.execute(
          trx,
        );
        ran.push(name);
      }
      return ran;
    });
  } catch (error) {
    throw new AppError('internal', `migration ${current || '(setup)'} failed: ${(error as Error).message}`);
  }
}

/**
 * The migrations this code knows but the database has not applied, in order (readiness: a process
 * started before `rapport migrate` ran, or on a database another version left behind). Reads only.
 */
export async function pendingMigrations(db: Db): Promise<string[]> {
  let applied: Set<string>;
  try {
    const done = await sql<{ name: string }>`select name from rapport_migrations`.execute(db.kysely);
    applied = new Set(done.rows.map((r) => r.name));
  } catch {
    applied = new Set(); // no migration table yet: everything is pending
  }
  return migrations.map(([name]) => name).filter((name) => !applied.has(name));
}
