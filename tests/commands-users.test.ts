import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandActor } from '../src/commands/actor.js';
import { shellActor } from '../src/commands/admin-actor.js';
import type { Services } from '../src/commands/services.js';
import { addUser, changePassword, listUsers, setUpFirstAdmin, updateUser } from '../src/commands/users.js';
import { verifyPassword } from '../src/platform/passwords.js';
import type { Db } from '../src/store/database.js';
import { createSession } from '../src/store/sessions-repo.js';
import { getUser } from '../src/store/users-repo.js';
import { freshDb, testEngines } from './support/engines.js';
import { servicesFor } from './support/services.js';

const PASSWORD = 'a long enough password';

describe.each(testEngines)('user use cases on %s', (engine) => {
  let db: Db;
  let services: Services;
  let admin: CommandActor;

  beforeEach(async () => {
    db = await freshDb(engine);
    services = await servicesFor(db);
    const first = await setUpFirstAdmin(services, {
      email: 'Boss@Example.test',
      name: 'Boss',
      password: PASSWORD,
    });
    admin = { type: 'user', id: first.id, userId: first.id, name: first.name };
  });
  afterEach(async () => {
    await db.close();
  });

  const events = async (type: string) =>
    (await db.kysely.selectFrom('events').selectAll().where('type', '=', type).orderBy('id').execute()).map(
      (e) => ({ actor: [e.actor_type, e.actor_id], data: JSON.parse(e.data_json ?? 'null') }),
    );

  it('sets up the first admin once, recording it as done by that admin', async () => {
    const [boss] = await listUsers(services);
    expect(boss).toMatchObject({ email: 'boss@example.test', role: 'admin' });
    expect(await events('user.created')).toEqual([
      { actor: ['user', boss?.id], data: { userId: boss?.id, role: 'admin', via: 'setup' } },
    ]);
    await expect(
      setUpFirstAdmin(services, { email: 'other@example.test', name: 'Other', password: PASSWORD }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(await listUsers(services)).toHaveLength(1);
  });

  it('lets only one of two concurrent setups win', async () => {
    const db2 = await freshDb(engine);
    const s2 = await servicesFor(db2);
    try {
      const results = await Promise.allSettled(
        ['a', 'b', 'c'].map((n) =>
          setUpFirstAdmin(s2, { email: `${n}@example.test`, name: n, password: PASSWORD }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(await listUsers(s2)).toHaveLength(1);
    } finally {
      await db2.close();
    }
  });

  it('adds a user with its event, and records the shell as the system via the CLI', async () => {
    const agent = await addUser(services, admin, {
      email: 'a@example.test',
      name: ' Alex ',
      role: 'agent',
      password: PASSWORD,
    });
    expect(agent).toMatchObject({ name: 'Alex', role: 'agent', disabled: 0 });
    const viewer = await addUser(services, shellActor, {
      email: 'v@example.test',
      name: 'Vee',
      role: 'viewer',
      password: PASSWORD,
    });
    expect((await events('user.created')).slice(1)).toEqual([
      { actor: ['user', admin.id], data: { userId: agent.id, role: 'agent' } },
      { actor: ['system', null], data: { userId: viewer.id, role: 'viewer', via: 'cli' } },
    ]);
    await expect(
      addUser(services, admin, { email: 'A@example.test', name: 'Dup', role: 'agent', password: PASSWORD }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      addUser(services, admin, { email: 'short@example.test', name: 'S', role: 'agent', password: 'short' }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await events('user.created')).toHaveLength(3);
  });

  it('applies a patch whole, with one event, by id or by email', async () => {
    const agent = await addUser(services, admin, {
      email: 'a@example.test',
      name: 'Alex',
      role: 'agent',
      password: PASSWORD,
    });
    const updated = await updateUser(services, admin, agent.id, { name: 'Alexa', role: 'admin' });
    expect(updated).toMatchObject({ name: 'Alexa', role: 'admin', disabled: 0 });
    const disabled = await updateUser(services, shellActor, { email: 'A@example.test' }, { disabled: true });
    expect(disabled.disabled).toBe(1);
    expect(await events('user.updated')).toEqual([
      { actor: ['user', admin.id], data: { userId: agent.id, name: 'Alexa', role: 'admin' } },
      { actor: ['system', null], data: { userId: agent.id, disabled: true, via: 'cli' } },
    ]);
    await expect(updateUser(services, admin, 999, { name: 'X' })).rejects.toThrow('user 999 not found');
    await expect(updateUser(services, admin, { email: 'no@example.test' }, { name: 'X' })).rejects.toThrow(
      'user no@example.test not found',
    );
  });

  it('refuses to demote or disable the last active admin and then changes nothing', async () => {
    for (const patch of [
      { name: 'Renamed', role: 'viewer' as const },
      { name: 'Renamed', disabled: true },
    ]) {
      await expect(updateUser(services, admin, admin.id, patch)).rejects.toMatchObject({ code: 'conflict' });
    }
    expect(await getUser(db.kysely, admin.id)).toMatchObject({ name: 'Boss', role: 'admin', disabled: 0 });
    expect(await events('user.updated')).toEqual([]);
  });

  it('keeps one active admin when two admins demote each other at the same time', async () => {
    for (let round = 0; round < 3; round += 1) {
      const other = await addUser(services, admin, {
        email: `admin${round}@example.test`,
        name: `Admin ${round}`,
        role: 'admin',
        password: PASSWORD,
      });
      const results = await Promise.allSettled([
        updateUser(services, admin, admin.id, { role: 'agent' }),
        updateUser(services, admin, other.id, { disabled: true }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const active = await db.kysely
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'admin')
        .where('disabled', '=', 0)
        .execute();
      expect(active).toHaveLength(1);
      // make `admin` the remaining active admin again for the next round
      const [remaining] = active;
      admin = { ...admin, id: remaining?.id ?? 0, userId: remaining?.id ?? 0 };
    }
  });

  it('changes a password, ends the sessions and records it', async () => {
    const now = services.clock.now();
    await createSession(db.kysely, { userId: admin.id, now, days: 1 });
    await changePassword(services, shellActor, { email: 'boss@example.test' }, 'a brand new password');
    const after = await getUser(db.kysely, admin.id);
    expect(await verifyPassword('a brand new password', after?.password_hash ?? '')).toBe(true);
    expect(await db.kysely.selectFrom('sessions').selectAll().execute()).toEqual([]);
    expect(await events('user.password_changed')).toEqual([
      { actor: ['system', null], data: { userId: admin.id, via: 'cli' } },
    ]);
    await expect(changePassword(services, admin, admin.id, 'short')).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(
      changePassword(services, admin, { email: 'x@example.test' }, PASSWORD),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await events('user.password_changed')).toHaveLength(1);
  });
});
