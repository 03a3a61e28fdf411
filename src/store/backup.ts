import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { AppError, ConflictError, ValidationError } from '../platform/errors.js';
import type { Db } from './database.js';

/** What a backup folder's manifest (`backup.json`) records, and what restore checks. */
export interface BackupManifest {
  format: 'rapport-sqlite-backup';
  version: 1;
  createdAt: string;
  /** Migrations the database had applied: a newer Rapport upgrades it on restore. */
  migrations: string[];
  counts: { conversations: number; messages: number; contacts: number };
  /** Whether the folder holds the install's secret.key (channel secrets need it). */
  secretKey: boolean;
}

/** The file names inside a backup folder. */
export const BACKUP_FILES = { database: 'rapport.db', key: 'secret.key', manifest: 'backup.json' } as const;

function countsOf(sqlite: SqliteDatabase.Database): BackupManifest['counts'] {
  const count = (table: string) =>
    (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  return { conversations: count('conversations'), messages: count('messages'), contacts: count('contacts') };
}

function migrationsOf(sqlite: SqliteDatabase.Database): string[] {
  return (
    sqlite.prepare('select name from rapport_migrations order by name').all() as { name: string }[]
  ).map((r) => r.name);
}

/** Checks a SQLite file page by page (`quick_check`); a damaged copy is an error naming the file. */
export function checkSqliteFile(file: string): SqliteDatabase.Database {
  const copy = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  const result = copy.pragma('quick_check', { simple: true });
  if (result !== 'ok') {
    copy.close();
    throw new AppError('internal', `${file} is damaged: ${String(result)}`);
  }
  return copy;
}

/**
 * Copies a live SQLite database into an empty or new folder with SQLite's online backup (the
 * server may keep writing meanwhile; the copy is one consistent moment), checks the copy, adds the
 * secret key file when the install keeps one, and writes the manifest. Folder 0700, files 0600.
 */
export async function backupSqlite(
  db: Db,
  options: {
    folder: string;
    secretKeyFile: string | null;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<BackupManifest> {
  if (!db.sqlite) throw new ValidationError('backup copies SQLite databases; PostgreSQL uses pg_dump');
  const { folder } = options;
  if (fs.existsSync(folder) && fs.readdirSync(folder).length > 0) {
    throw new ConflictError(`${folder} is not empty: back up into a new or empty folder`);
  }
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  fs.chmodSync(folder, 0o700);
  const target = path.join(folder, BACKUP_FILES.database);
  fs.closeSync(fs.openSync(target, 'w', 0o600));
  await db.sqlite.backup(target, {
    progress: ({ totalPages, remainingPages }) => {
      options.onProgress?.(totalPages - remainingPages, totalPages);
      return 1000; // pages per step: the server's own queries run between steps
    },
  });
  fs.chmodSync(target, 0o600);
  const copy = checkSqliteFile(target);
  let manifest: BackupManifest;
  try {
    manifest = {
      format: 'rapport-sqlite-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      migrations: migrationsOf(copy),
      counts: countsOf(copy),
      secretKey: options.secretKeyFile !== null && fs.existsSync(options.secretKeyFile),
    };
  } finally {
    copy.close();
  }
  if (manifest.secretKey && options.secretKeyFile) {
    fs.copyFileSync(options.secretKeyFile, path.join(folder, BACKUP_FILES.key));
    fs.chmodSync(path.join(folder, BACKUP_FILES.key), 0o600);
  }
  fs.writeFileSync(path.join(folder, BACKUP_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`, {
    mode: 0o600,
  });
  return manifest;
}

/** Reads and checks a backup folder's manifest and database; returns the manifest. */
export function readBackup(folder: string): BackupManifest {
  const manifestFile = path.join(folder, BACKUP_FILES.manifest);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BackupManifest;
  } catch {
    throw new ValidationError(`${folder} is not a Rapport backup (no readable ${BACKUP_FILES.manifest})`);
  }
  if (manifest.format !== 'rapport-sqlite-backup' || manifest.version !== 1) {
    throw new ValidationError(`${manifestFile} is not a backup format this Rapport reads`);
  }
  const copy = checkSqliteFile(path.join(folder, BACKUP_FILES.database));
  try {
    const counts = countsOf(copy);
    if (JSON.stringify(counts) !== JSON.stringify(manifest.counts)) {
      throw new ValidationError(
        `${folder}: the database does not match its manifest (changed after the backup?)`,
      );
    }
  } finally {
    copy.close();
  }
  if (manifest.secretKey && !fs.existsSync(path.join(folder, BACKUP_FILES.key))) {
    throw new ValidationError(`${folder}: the manifest lists ${BACKUP_FILES.key} but it is missing`);
  }
  return manifest;
}

/**
 * Puts a backup in place as the data folder's database (and its secret key), after checking it.
 * A folder that already holds a database, or a different key, is left alone unless `force`; then
 * the old files are kept beside it as `*.replaced-<time>`, never deleted. Rapport must be stopped.
 */
export function restoreSqlite(folder: string, dataDir: string, force: boolean): BackupManifest {
  const manifest = readBackup(folder);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dataDir, 0o700);
  const target = path.join(dataDir, BACKUP_FILES.database);
  const keyTarget = path.join(dataDir, BACKUP_FILES.key);
  const keySource = path.join(folder, BACKUP_FILES.key);
  const hasDatabase = fs.existsSync(target) && fs.statSync(target).size > 0;
  const keyDiffers =
    manifest.secretKey &&
    fs.existsSync(keyTarget) &&
    !fs.readFileSync(keyTarget).equals(fs.readFileSync(keySource));
  if ((hasDatabase || keyDiffers) && !force) {
    throw new ConflictError(
      `${dataDir} already holds ${hasDatabase ? 'a database' : 'a different secret.key'}: stop Rapport and ` +
        'pass --force to replace it (the old files are kept beside it as *.replaced-<time>)',
    );
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const keep = (file: string) => {
    if (fs.existsSync(file)) fs.renameSync(file, `${file}.replaced-${stamp}`);
  };
  const draft = `${target}.restoring`;
  fs.copyFileSync(path.join(folder, BACKUP_FILES.database), draft);
  fs.chmodSync(draft, 0o600);
  for (const suffix of ['', '-wal', '-shm']) keep(`${target}${suffix}`);
  fs.renameSync(draft, target);
  if (manifest.secretKey) {
    if (keyDiffers) keep(keyTarget);
    fs.copyFileSync(keySource, keyTarget);
    fs.chmodSync(keyTarget, 0o600);
  }
  return manifest;
}
