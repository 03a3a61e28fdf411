import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configFrom } from '../../src/platform/config.js';
import { migrate, openDatabase } from '../../src/store/database.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe('SQLite data files', () => {
  it('are readable by their owner only: folder 0700, database, WAL and shared memory 0600', async () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-perms-'));
    dirs.push(parent);
    const dataDir = path.join(parent, 'data');
    const db = await openDatabase(configFrom({ RAPPORT_DATA_DIR: dataDir }));
    await migrate(db);
    const file = path.join(dataDir, 'rapport.db');
    expect(modeOf(dataDir)).toBe(0o700);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect([f, modeOf(f)]).toEqual([f, 0o600]);
    await db.close();
  });

  it('tightens the files of an install made before', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-perms-'));
    dirs.push(dataDir);
    fs.chmodSync(dataDir, 0o755);
    const file = path.join(dataDir, 'rapport.db');
    fs.writeFileSync(file, '', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    const db = await openDatabase(configFrom({ RAPPORT_DATA_DIR: dataDir }));
    await migrate(db);
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
    await db.close();
  });
});
