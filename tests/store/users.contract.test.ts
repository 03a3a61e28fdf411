/** Users and browser sessions (store/users-repo.ts, store/sessions-repo.ts) on both engines. */
import { expect } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '../../src/platform/errors.js';
import type { Db } from '../../src/store/database.js';
import {
  createSession,
  deleteExpiredSessions,
  deleteSession,
  findValidSession,
} from '../../src/store/sessions-repo.js';
import { lockUserAdministration } from '../../src/store/users-lock.js';
import {
  countUsers,
  createUser,
  findUserByEmail,
  listUsers,
  setDisabled,
  setName,
  setPassword,
  setRole,
} from '../../src/store/users-repo.js';
import { contractEngines } from '../support/contract.js';
import { expectUnchanged, runStoreContract } from '../support/store-contract.js';
import { addUser, NOW } from './seed.js';

const PASSWORD = 'correct horse battery';
const DAY = 86_400_000;
const sessionsOf = async (db: Db, userId: number) =>
  (await db.kysely.selectFrom('sessions').select('user_id').where('user_id', '=', userId).execute()).length;

for (const engine of contractEngines) {
  runStoreContract('users and sessions', { engine }, (test) => {
    test('creates users with normalised emails; a duplicate email in any case is refused whole', async ({
      db,
    }) => {
      const sam = await createUser(db.kysely, {
        email: '  Sam@Example.TEST ',
        name: ' Sam ',
        role: 'agent',
        password: PASSWORD,
        now: NOW,
      });
      expect(sam.password_hash).not.toContain(PASSWORD);
      await expectUnchanged(
        db,
        () =>
          createUser(db.kysely, {
            email: 'sam@example.test',
            name: 'Other',
            role: 'viewer',
            password: PASSWORD,
            now: NOW,
          }),
        ConflictError,
      );
      expect((await findUserByEmail(db.kysely, 'SAM@example.test'))?.id).toBe(sam.id);
      return { email: sam.email, name: sam.name, role: sam.role, disabled: sam.disabled, users: 1 };
    });

    test('refuses a short password without writing anything', async ({ db }) => {
      await expectUnchanged(
        db,
        () =>
          createUser(db.kysely, { email: 'a@b.test', name: 'A', role: 'agent', password: 'short', now: NOW }),
        ValidationError,
      );
    });

    test('lists users by name (byte order), then id', async ({ db }) => {
      for (const name of ['bob', 'Zed', 'alice', 'Alice', 'Émile', 'bob']) {
        await addUser(db, { name, email: `${name}-${Math.random()}@example.test` });
      }
      return (await listUsers(db.kysely)).map((u) => [u.name, u.id]);
    });

    test('under the user-administration lock, of two racing first-admin setups one wins', async ({ db }) => {
      const setup = (email: string) =>
        db.kysely.transaction().execute(async (trx) => {
          await lockUserAdministration(db, trx);
          if ((await countUsers(trx)) > 0) throw new ConflictError('setup is already done');
          return createUser(trx, { email, name: 'Ada', role: 'admin', password: PASSWORD, now: NOW });
        });
      const results = await Promise.allSettled([setup('one@example.test'), setup('two@example.test')]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
      await expectUnchanged(db, () => setup('three@example.test'), ConflictError);
      return { users: await countUsers(db.kysely), role: (await listUsers(db.kysely))[0]!.role };
    });

    test('never demotes or disables the last active admin', async ({ db }) => {
      const admin = await addUser(db, { name: 'Ada', role: 'admin' });
      await addUser(db, { name: 'Off', role: 'admin', disabled: 1 });
      await expectUnchanged(db, () => setRole(db.kysely, admin.id, 'agent'), ConflictError);
      await expectUnchanged(db, () => setDisabled(db.kysely, admin.id, true), ConflictError);
      const second = await addUser(db, { name: 'Bea', role: 'admin' });
      expect((await setRole(db.kysely, admin.id, 'viewer')).role).toBe('viewer');
      await expectUnchanged(db, () => setDisabled(db.kysely, second.id, true), ConflictError);
    });

    test('refuses changes to an unknown user without writing', async ({ db }) => {
      await addUser(db);
      await expectUnchanged(db, () => setName(db.kysely, 999, 'X'), NotFoundError);
      await expectUnchanged(db, () => setRole(db.kysely, 999, 'admin'), NotFoundError);
      await expectUnchanged(db, () => setDisabled(db.kysely, 999, true), NotFoundError);
      await expectUnchanged(db, () => setPassword(db.kysely, 999, PASSWORD), NotFoundError);
    });

    test('a new password or disabling a user ends their sessions, and only theirs', async ({ db }) => {
      const sam = await addUser(db, { name: 'Sam' });
      const kim = await addUser(db, { name: 'Kim' });
      for (const user of [sam, sam, kim])
        await createSession(db.kysely, { userId: user.id, now: NOW, days: 1 });
      await setPassword(db.kysely, sam.id, 'another good password');
      const afterPassword = [await sessionsOf(db, sam.id), await sessionsOf(db, kim.id)];
      await setDisabled(db.kysely, kim.id, true);
      const afterDisable = [await sessionsOf(db, sam.id), await sessionsOf(db, kim.id)];
      expect(afterPassword).toEqual([0, 1]);
      expect(afterDisable).toEqual([0, 0]);
      return {
        afterPassword,
        afterDisable,
        kimDisabled: (await setDisabled(db.kysely, kim.id, false)).disabled,
      };
    });

    test('a session is valid until it expires, and never for a disabled user', async ({ db }) => {
      const sam = await addUser(db, { name: 'Sam' });
      const s = await createSession(db.kysely, { userId: sam.id, now: NOW, days: 1.5 });
      expect(s.expiresAt).toBe(NOW + 1.5 * DAY);
      const valid = await findValidSession(db.kysely, s.token, s.expiresAt - 1);
      expect(valid).toMatchObject({ csrfToken: s.csrfToken, user: { id: sam.id, name: 'Sam' } });
      expect(await findValidSession(db.kysely, s.token, s.expiresAt)).toBeUndefined();
      expect(await findValidSession(db.kysely, `${s.token}x`, NOW)).toBeUndefined();
      await db.kysely.updateTable('users').set({ disabled: 1 }).where('id', '=', sam.id).execute();
      expect(await findValidSession(db.kysely, s.token, NOW)).toBeUndefined();
    });

    test('logout ends one session; expired ones are swept and counted', async ({ db }) => {
      const sam = await addUser(db, { name: 'Sam' });
      const short = await createSession(db.kysely, { userId: sam.id, now: NOW, days: 1 });
      const long = await createSession(db.kysely, { userId: sam.id, now: NOW, days: 3 });
      const other = await createSession(db.kysely, { userId: sam.id, now: NOW, days: 3 });
      const session = await findValidSession(db.kysely, other.token, NOW);
      await deleteSession(db.kysely, session!.id);
      const swept = [
        await deleteExpiredSessions(db.kysely, NOW + DAY),
        await deleteExpiredSessions(db.kysely, NOW + DAY),
      ];
      expect(await findValidSession(db.kysely, short.token, NOW)).toBeUndefined();
      expect(await findValidSession(db.kysely, long.token, NOW)).toBeDefined();
      return swept;
    });
  });
}
