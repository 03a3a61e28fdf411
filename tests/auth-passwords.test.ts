import { describe, expect, it } from 'vitest';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../src/platform/passwords.js';

describe('password hashing', () => {
  it('stores scrypt hashes in a self-describing format with a random salt', async () => {
    const a = await hashPassword('a long enough secret');
    const b = await hashPassword('a long enough secret');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{86}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('secret');
  });

  it('accepts the right password and rejects others', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('treats malformed or absurdly expensive hashes as a mismatch', async () => {
    expect(await verifyPassword('x', 'plain')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$16384$8$1$$')).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$1$2$3$4$5')).toBe(false);
    const stored = await hashPassword('correct horse battery');
    const expensive = stored.replace('scrypt$16384$', `scrypt$${2 ** 24}$`);
    expect(await verifyPassword('correct horse battery', expensive)).toBe(false);
  });

  it('spends real work on unknown accounts and always fails', async () => {
    expect(await verifyAgainstDummy('anything')).toBe(false);
  });
});
