import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../src/commands/services.js';
import { authState, completeSetup, signIn, signOut } from '../src/commands/sign-in.js';
import { addUser, updateUser } from '../src/commands/users.js';
import type { Db } from '../src/store/database.js';
import { findValidSession } from '../src/store/sessions-repo.js';
import { freshDb, testEngines } from './support/engines.js';
import { servicesFor } from './support/services.js';

const PASSWORD = 'a long enough password';
const DAY = 24 * 60 * 60 * 1000;

describe.each(testEngines)('sign-in use cases on %s', (engine) => {
  let db: Db;
  let services: Services & { clock: { advance(ms: number): void } };

  beforeEach(async () => {
    db = await freshDb(engine);
    services = await servicesFor(db, { RAPPORT_SESSION_DAYS: '2' });
  });
  afterEach(async () => {
    await db.close();
  });

  const events = async (type: string) =>
    (await db.kysely.selectFrom('events').selectAll().where('type', '=', type).orderBy('id').execute()).map(
      (e) => ({ actor: [e.actor_type, e.actor_id], data: JSON.parse(e.data_json ?? 'null') }),
    );

  it('completes setup once with a session, and reports the state', async () => {
    expect(await authState(services, null)).toEqual({ needsSetup: true, user: undefined });
    const { user, session } = await completeSetup(services, {
      email: 'Boss@Example.test',
      name: 'Boss',
      password: PASSWORD,
    });
    expect(user).toMatchObject({ email: 'boss@example.test', role: 'admin' });
    expect(session.expiresAt).toBe(services.clock.now() + 2 * DAY);
    const found = await findValidSession(db.kysely, session.token, services.clock.now());
    expect(found?.user.id).toBe(user.id);
    expect(found?.csrfToken).toBe(session.csrfToken);
    expect(await authState(services, user.id)).toMatchObject({ needsSetup: false, user: { id: user.id } });
    await expect(
      completeSetup(services, { email: 'x@example.test', name: 'X', password: PASSWORD }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('signs in with a session and an auth.login event, pruning expired sessions', async () => {
    const { user, session: old } = await completeSetup(services, {
      email: 'boss@example.test',
      name: 'Boss',
      password: PASSWORD,
    });
    services.clock.advance(3 * DAY);
    const { user: signedIn, session } = await signIn(services, {
      email: 'BOSS@example.test',
      password: PASSWORD,
      ip: '10.0.0.1',
    });
    expect(signedIn.id).toBe(user.id);
    expect(await findValidSession(db.kysely, session.token, services.clock.now())).toBeDefined();
    const ids = await db.kysely.selectFrom('sessions').select('id').execute();
    expect(ids).toHaveLength(1);
    expect(await findValidSession(db.kysely, old.token, services.clock.now())).toBeUndefined();
    expect(await events('auth.login')).toEqual([{ actor: ['user', user.id], data: { ip: '10.0.0.1' } }]);

    const [stored] = ids;
    await signOut(services, stored?.id ?? '');
    expect(await db.kysely.selectFrom('sessions').select('id').execute()).toEqual([]);
  });

  it('refuses unknown emails, wrong passwords and disabled users alike, recording each reason', async () => {
    const { user: admin } = await completeSetup(services, {
      email: 'boss@example.test',
      name: 'Boss',
      password: PASSWORD,
    });
    const actor = { type: 'user' as const, id: admin.id, userId: admin.id, name: admin.name };
    const agent = await addUser(services, actor, {
      email: 'a@example.test',
      name: 'A',
      role: 'agent',
      password: PASSWORD,
    });
    await updateUser(services, actor, agent.id, { disabled: true });
    const attempts = [
      { email: 'Nobody@example.test', password: PASSWORD },
      { email: 'boss@example.test', password: 'not the password' },
      { email: 'a@example.test', password: PASSWORD },
    ];
    const errors = [];
    for (const attempt of attempts) {
      errors.push(await signIn(services, { ...attempt, ip: '10.0.0.2' }).catch((e: unknown) => e));
    }
    for (const error of errors) {
      expect(error).toMatchObject({ code: 'unauthenticated', message: 'wrong email or password' });
    }
    expect(await events('auth.login_failed')).toEqual(
      [
        ['nobody@example.test', 'unknown_email'],
        ['boss@example.test', 'wrong_password'],
        ['a@example.test', 'disabled'],
      ].map(([email, reason]) => ({ actor: ['system', null], data: { email, reason, ip: '10.0.0.2' } })),
    );
    expect(await events('auth.login')).toEqual([]);
    expect(await db.kysely.selectFrom('sessions').select('id').execute()).toHaveLength(1);
  });
});
