import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, type Driver, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../platform/config.js';
import { AppError } from '../platform/errors.js';
import type { Engine } from './engine.js';
import type { Database } from './schema.js';

// PostgreSQL returns int8 as strings; all our bigints are epoch milliseconds, well inside 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/** An open database with the engine it runs on; every repository takes one of these. */
export interface Db {
  kysely: Kysely<Database>;
  engine: Engine;
  /** PostgreSQL schema the tables live in (public unless a test or tool chose another). */
  schema?: string;
  /** The raw SQLite handle, for bulk paths that bypass query building (same connection as kysely). */
  sqlite?: SqliteDatabase.Database;
  close(): Promise<void>;
}

/** Options for tests and tools that need a database somewhere other than the config's. */
export interface OpenOptions {
  /** SQLite file path, or ':memory:'. */
  sqliteFile?: string;
  /** PostgreSQL schema to use (created if missing); default public. */
  pgSchema?: string;
}

/**
 * Opens the configured database (SQLite under the data dir, or PostgreSQL from DATABASE_URL, in
 * RAPPORT_PG_SCHEMA when set).
 */
export async function openDatabase(
  config: Pick<Config, 'engine' | 'DATABASE_URL' | 'dataDir'> & Partial<Pick<Config, 'RAPPORT_PG_SCHEMA'>>,
  options: OpenOptions = {},
): Promise<Db> {
  if (config.engine === 'postgres' && config.DATABASE_URL) {
    return openPostgres(config.DATABASE_URL, options.pgSchema ?? config.RAPPORT_PG_SCHEMA);
  }
  let file = options.sqliteFile;
  if (!file) {
    file = path.join(config.dataDir, 'rapport.db');
    keepPrivate(config.dataDir, file);
  }
  return openSqlite(file);
}

/**
 * Makes the data folder readable by its owner only (0700) and the database 0600, creating them so
 * or tightening an older install's: customers' messages are as private as the secret key beside
 * them. SQLite gives its -wal and -shm files the database file's mode.
 */
function keepPrivate(dir: string, file: string) {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  tighten(dir, 0o700);
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (fs.existsSync(f)) tighten(f, 0o600);
}

/** chmod, except where the file belongs to someone else (then its owner decides). */
function tighten(target: string, mode: number) {
  try {
    fs.chmodSync(target, mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
  }
}

function openSqlite(file: string): Db {
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -32768'); // 32 MiB; the OS file cache serves the rest
  // Statement journals in memory: once one statement of a transaction outgrows 64 KiB, SQLite would
  // otherwise write every later statement's journal to a temp file, two syscalls per page (a real
  // cost to imports; bench/RESULTS.md). Our temporary b-trees are all small.
  sqlite.pragma('temp_store = MEMORY');
  const kysely = new Kysely<Database>({
    dialect: new WriteLockingSqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return { kysely, engine: 'sqlite', sqlite, close: () => kysely.destroy() };
}

/**
 * SQLite transactions that take the write lock when they begin (BEGIN IMMEDIATE, waiting up to
 * busy_timeout for it). A plain BEGIN takes it at the first write; when another process (the
 * server, a CLI import) commits between a transaction's first read and its first write, that write
 * fails at once with SQLITE_BUSY_SNAPSHOT and no wait can save it. Our transactions all write.
 */
class WriteLockingSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

/** WAL pages between checkpoints during a bulk load (SQLite's default is 1,000). */
export const BULK_LOAD_CHECKPOINT_PAGES = 10_000;

/**
 * Tunes the connection for a bulk load and returns what undoes it. On SQLite, checkpoints come every
 * 10,000 WAL pages (40 MiB) instead of 1,000: a load rewrites the same index pages in commit after
 * commit, and each checkpoint copies a page once however often it was rewritten (bench/RESULTS.md).
 * Nothing changes on PostgreSQL.
 */
export function tuneForBulkLoad(db: Db): () => void {
  const sqlite = db.sqlite;
  if (!sqlite) return () => {};
  const before = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
  sqlite.pragma(`wal_autocheckpoint = ${BULK_LOAD_CHECKPOINT_PAGES}`);
  return () => {
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${before}`);
  };
}

/**
 * Kysely's SQLite driver prepares every query afresh; preparing costs more than running most of our
 * queries. This keeps the most recent statements prepared (bounded, least recently used dropped).
 */
function withStatementCache(sqlite: SqliteDatabase.Database, size = 200) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      let statement = cache.get(sqlText);
      if (statement) {
        cache.delete(sqlText);
      } else {
        statement = sqlite.prepare(sqlText);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(sqlText, statement);
      return statement;
    },
  };
}

async function openPostgres(url: string, schema?: string): Promise<Db> {
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new AppError('config_invalid', 'bad schema name');
  if (schema) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, engine: 'postgres', schema: schema ?? 'public', close: () => kysely.destroy() };
}

export { migrate } from './migrator.js';
