import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFrom } from './config.js';
import { secretBoxFor, secretBoxFromKey } from './secrets.js';

describe('secret box', () => {
  it('round-trips values and never stores them in clear', () => {
    const box = secretBoxFromKey(Buffer.from('k'.repeat(32)));
    const sealed = box.seal({ appPassword: 'hunter2-xyz' });
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain('hunter2');
    expect(box.open(sealed)).toEqual({ appPassword: 'hunter2-xyz' });
    expect(box.seal({ a: 1 })).not.toBe(box.seal({ a: 1 })); // fresh IV each time
  });

  it('refuses a different key and tampered ciphertext with a clear error', () => {
    const sealed = secretBoxFromKey(Buffer.from('a'.repeat(32))).seal({ p: 'x' });
    const other = secretBoxFromKey(Buffer.from('b'.repeat(32)));
    expect(() => other.open(sealed)).toThrow(/cannot be decrypted/);
    const box = secretBoxFromKey(Buffer.from('a'.repeat(32)));
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] = raw.at(-1)! ^ 1;
    expect(() => box.open(`v1:${raw.toString('base64')}`)).toThrow(/cannot be decrypted/);
    expect(() => box.open('v9:abc')).toThrow(/unknown format/);
  });

  it('keeps a generated key in the SQLite data dir, readable only by its owner, and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-secret-'));
    const config = configFrom({ RAPPORT_DATA_DIR: dir });
    const sealed = secretBoxFor(config).seal('s3cret');
    const file = path.join(dir, 'secret.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(secretBoxFor(config).open(sealed)).toBe('s3cret');
    fs.rmSync(dir, { recursive: true });
  });

  it('requires RAPPORT_SECRET_KEY on PostgreSQL, and uses it when set', () => {
    const pg = configFrom({ DATABASE_URL: 'postgres://x@127.0.0.1/db' });
    expect(() => secretBoxFor(pg).seal('x')).toThrow(/RAPPORT_SECRET_KEY must be set/);
    const withKey = configFrom({
      DATABASE_URL: 'postgres://x@127.0.0.1/db',
      RAPPORT_SECRET_KEY: 'z'.repeat(40),
    });
    const box = secretBoxFor(withKey);
    expect(box.open(box.seal([1, 2]))).toEqual([1, 2]);
    expect(() => configFrom({ RAPPORT_SECRET_KEY: 'short' })).toThrow(/at least 32/);
  });
});
