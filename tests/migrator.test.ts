import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { configFrom } from '../src/platform/config.js';
import { migrate, openDatabase } from '../src/store/database.js';
import { migrations } from '../src/store/migrations/index.js';
import { pgTestUrl } from './support/engines.js';

const allNames = migrations.map(([name]) => name);

describe('migrations', () => {
  it('on SQLite: concurrent starts in separate processes apply each migration once; reruns apply nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-migrate-'));
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'migrate'], {
          env: { ...process.env, RAPPORT_DATA_DIR: dir, RAPPORT_LOG_LEVEL: 'silent' },
        });
        let out = '';
        child.stdout.on('data', (c) => {
          out += c;
        });
        child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`migrate exited ${code}`))));
      });
    try {
      const outputs = await Promise.all([run(), run(), run()]);
      expect(outputs.filter((o) => o.includes(`applied: ${allNames.join(', ')}`))).toHaveLength(1);
      expect(outputs.filter((o) => o.includes('up to date'))).toHaveLength(2);
      const db = await openDatabase(configFrom({ RAPPORT_DATA_DIR: dir }));
      expect(await migrate(db)).toEqual([]);
      const rows = await sql<{ n: number }>`select count(*) as n from rapport_migrations`.execute(db.kysely);
      expect(Number(rows.rows[0]!.n)).toBe(allNames.length);
      await db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it.skipIf(!pgTestUrl())(
    'on PostgreSQL: concurrent starts on one schema apply each migration once',
    async () => {
      const schema = `rapport_m_${randomBytes(6).toString('hex')}`;
      const config = configFrom({ DATABASE_URL: pgTestUrl() });
      const a = await openDatabase(config, { pgSchema: schema });
      const b = await openDatabase(config, { pgSchema: schema });
      try {
        const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
        expect([...ra, ...rb].sort()).toEqual(allNames);
        expect(await migrate(b)).toEqual([]);
      } finally {
        await sql.raw(`drop schema if exists ${schema} cascade`).execute(a.kysely);
        await a.close();
        await b.close();
      }
    },
  );
});
