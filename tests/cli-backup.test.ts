import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupCommand, restoreCommand } from '../src/cli/commands/backup.js';
import { ingestMessages } from '../src/ingest/ingest.js';
import { configFrom } from '../src/platform/config.js';
import { secretBoxFor } from '../src/platform/secrets.js';
import { openServices } from '../src/runtime/services.js';
import { openDatabase } from '../src/store/database.js';
import { systemActor } from '../src/store/events-repo.js';
import { runCommand } from './support/cli.js';

const dirs: string[] = [];
const tempDir = (name: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `rapport-${name}-`));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const configFor = (dir: string) => configFrom({ RAPPORT_DATA_DIR: dir, RAPPORT_LOG_LEVEL: 'silent' });

async function snapshot(dir: string) {
  const db = await openDatabase(configFor(dir));
  try {
    return {
      conversations: await db.kysely.selectFrom('conversations').selectAll().orderBy('id').execute(),
      messages: await db.kysely.selectFrom('messages').selectAll().orderBy('id').execute(),
      contacts: await db.kysely.selectFrom('contacts').selectAll().orderBy('id').execute(),
    };
  } finally {
    await db.close();
  }
}

describe('rapport backup and restore (SQLite)', () => {
  it('restores into a fresh data folder the same conversations, messages, contacts and key, while the source kept writing', async () => {
    const source = tempDir('source');
    const services = await openServices(configFor(source));
    const at = Date.now() - 3_600_000;
    const batch = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        channel: 'twitter',
        external_id: `t${from + i}`,
        direction: 'inbound' as const,
        author: { id: `c${(from + i) % 7}`, name: `Customer ${(from + i) % 7}` },
        text: `message ${from + i}: where is my order?`,
        created_at: at + (from + i) * 1000,
        in_reply_to: i % 3 === 0 ? null : `t${from + i - 1}`,
      }));
    await ingestMessages(services, batch(0, 300), systemActor);
    // a channel secret sealed with the install's key: the restored install must still read it
    const sealed = secretBoxFor(configFor(source)).seal({ password: 'imap-password' });

    const backupDir = path.join(tempDir('backups'), 'monday');
    const backedUp = await runCommand(backupCommand, [backupDir], configFor(source));
    expect(backedUp.err).toMatch(/backup/);
    expect(backedUp.code).toBe(0);
    expect(backedUp.out).toMatch(/backed up \d+ conversations, 300 messages/);
    // the source goes on after the backup: the restore must show the moment of the backup
    const atBackup = await snapshot(source);
    await ingestMessages(services, batch(300, 5), systemActor);
    await services.db.close();

    expect(fs.statSync(backupDir).mode & 0o777).toBe(0o700);
    for (const f of ['rapport.db', 'secret.key', 'backup.json']) {
      expect(fs.statSync(path.join(backupDir, f)).mode & 0o777).toBe(0o600);
    }

    const target = path.join(tempDir('target'), 'data');
    const restored = await runCommand(restoreCommand, [backupDir], configFor(target));
    expect(restored.err).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/restored \d+ conversations, 300 messages/);
    expect(await snapshot(target)).toEqual(atBackup);
    expect(secretBoxFor(configFor(target)).open(sealed)).toEqual({ password: 'imap-password' });
    expect(fs.statSync(path.join(target, 'rapport.db')).mode & 0o777).toBe(0o600);
  });

  it('refuses a non-empty backup folder, a folder that is not a backup, and an install that has a database', async () => {
    const source = tempDir('source');
    const services = await openServices(configFor(source));
    await services.db.close();
    const busy = tempDir('busy');
    fs.writeFileSync(path.join(busy, 'notes.txt'), 'mine');
    await expect(runCommand(backupCommand, [busy], configFor(source))).rejects.toThrow(/not empty/);
    expect(fs.readdirSync(busy)).toEqual(['notes.txt']);

    await expect(runCommand(restoreCommand, [busy], configFor(tempDir('x')))).rejects.toThrow(
      /not a Rapport backup/,
    );

    const backupDir = path.join(tempDir('backups'), 'b');
    expect((await runCommand(backupCommand, [backupDir], configFor(source))).code).toBe(0);
    // restoring over the live install would lose what it holds: refused, unless --force, which keeps it
    await expect(runCommand(restoreCommand, [backupDir], configFor(source))).rejects.toThrow(/--force/);
    const forced = await runCommand(restoreCommand, [backupDir, '--force'], configFor(source));
    expect(forced.code).toBe(0);
    expect(fs.readdirSync(source).some((f) => f.startsWith('rapport.db.replaced-'))).toBe(true);
  });

  it('on PostgreSQL points to pg_dump without printing the password', async () => {
    const config = configFrom({ DATABASE_URL: 'postgres://rapport:s3cret@db.example:5432/rapport' });
    const result = await runCommand(backupCommand, ['/tmp/never'], config);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/pg_dump --format=custom/);
    expect(result.err).not.toMatch(/s3cret/);
    expect(fs.existsSync('/tmp/never')).toBe(false);
  });
});
