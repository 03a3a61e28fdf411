/** API tokens (store/tokens-repo.ts) on both engines. */
import { expect } from 'vitest';
import { NotFoundError, ValidationError } from '../../src/platform/errors.js';
import {
  API_TOKEN_PREFIX,
  createApiToken,
  findActiveToken,
  getToken,
  listTokens,
  revokeToken,
  touchToken,
} from '../../src/store/tokens-repo.js';
import { contractEngines } from '../support/contract.js';
import { expectUnchanged, runStoreContract } from '../support/store-contract.js';
import { addUser, NOW } from './seed.js';

for (const engine of contractEngines) {
  runStoreContract('API tokens', { engine }, (test) => {
    test('finds a token by its secret, with its owner, until it is revoked', async ({ db }) => {
      const owner = await addUser(db, { name: 'Sam', role: 'agent' });
      const made = await createApiToken(db.kysely, {
        name: ' ci ',
        role: 'viewer',
        userId: owner.id,
        now: NOW,
      });
      expect(made.token.startsWith(API_TOKEN_PREFIX)).toBe(true);
      expect(made.token.startsWith(made.prefix)).toBe(true);
      const stored = await getToken(db.kysely, made.id);
      expect(JSON.stringify(stored)).not.toContain(made.token);
      const found = await findActiveToken(db.kysely, made.token);
      expect(await findActiveToken(db.kysely, made.token.slice(API_TOKEN_PREFIX.length))).toBeUndefined();
      expect(await findActiveToken(db.kysely, `${made.token}x`)).toBeUndefined();
      const first = await revokeToken(db.kysely, made.id, NOW + 1);
      const again = await revokeToken(db.kysely, made.id, NOW + 2);
      expect(await findActiveToken(db.kysely, made.token)).toBeUndefined();
      return {
        name: found?.token.name,
        role: found?.token.role,
        owner: found?.owner,
        revokedAt: [first.revoked_at, again.revoked_at],
      };
    });

    test('an ownerless token has no owner; a disabled owner shows as disabled', async ({ db }) => {
      const service = await createApiToken(db.kysely, { name: 'svc', role: 'admin', userId: null, now: NOW });
      const owner = await addUser(db, { name: 'Off', role: 'admin', disabled: 1 });
      const owned = await createApiToken(db.kysely, {
        name: 'own',
        role: 'agent',
        userId: owner.id,
        now: NOW,
      });
      return {
        service: (await findActiveToken(db.kysely, service.token))?.owner,
        owned: (await findActiveToken(db.kysely, owned.token))?.owner,
      };
    });

    test('never gives a token more rights than its owner, nor an unknown owner; neither writes', async ({
      db,
    }) => {
      const viewer = await addUser(db, { name: 'Vic', role: 'viewer' });
      await expectUnchanged(
        db,
        () => createApiToken(db.kysely, { name: 'x', role: 'agent', userId: viewer.id, now: NOW }),
        ValidationError,
      );
      await expectUnchanged(
        db,
        () => createApiToken(db.kysely, { name: 'x', role: 'viewer', userId: 999, now: NOW }),
        NotFoundError,
      );
      await expectUnchanged(db, () => revokeToken(db.kysely, 999, NOW), NotFoundError);
    });

    test('records use at most once a minute', async ({ db }) => {
      const made = await createApiToken(db.kysely, { name: 't', role: 'viewer', userId: null, now: NOW });
      const seen: (number | null)[] = [];
      for (const at of [NOW + 1_000, NOW + 30_000, NOW + 61_000, NOW + 62_000]) {
        await touchToken(db.kysely, (await getToken(db.kysely, made.id))!, at);
        seen.push((await getToken(db.kysely, made.id))!.last_used_at);
      }
      expect(seen).toEqual([NOW + 1_000, NOW + 1_000, NOW + 61_000, NOW + 61_000]);
      return seen;
    });

    test('lists every token newest first, revoked ones too', async ({ db }) => {
      const ids: number[] = [];
      for (const name of ['a', 'b', 'c']) {
        ids.push((await createApiToken(db.kysely, { name, role: 'viewer', userId: null, now: NOW })).id);
      }
      await revokeToken(db.kysely, ids[1]!, NOW);
      return (await listTokens(db.kysely)).map((t) => [t.name, t.revoked_at]);
    });
  });
}
