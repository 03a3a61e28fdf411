import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandActor } from '../src/commands/actor.js';
import { shellActor } from '../src/commands/admin-actor.js';
import type { Services } from '../src/commands/services.js';
import { createToken, listTokens, revokeToken } from '../src/commands/tokens.js';
import { addUser, setUpFirstAdmin } from '../src/commands/users.js';
import type { Db } from '../src/store/database.js';
import { findActiveToken } from '../src/store/tokens-repo.js';
import { freshDb, testEngines } from './support/engines.js';
import { servicesFor } from './support/services.js';

const PASSWORD = 'a long enough password';

describe.each(testEngines)('token use cases on %s', (engine) => {
  let db: Db;
  let services: Services & { clock: { advance(ms: number): void } };
  let admin: CommandActor;
  let viewerId: number;

  beforeEach(async () => {
    db = await freshDb(engine);
    services = await servicesFor(db);
    const first = await setUpFirstAdmin(services, {
      email: 'boss@example.test',
      name: 'Boss',
      password: PASSWORD,
    });
    admin = { type: 'user', id: first.id, userId: first.id, name: first.name };
    viewerId = (
      await addUser(services, admin, {
        email: 'v@example.test',
        name: 'Vee',
        role: 'viewer',
        password: PASSWORD,
      })
    ).id;
  });
  afterEach(async () => {
    await db.close();
  });

  const events = async (type: string) =>
    (await db.kysely.selectFrom('events').selectAll().where('type', '=', type).orderBy('id').execute()).map(
      (e) => ({ actor: [e.actor_type, e.actor_id], data: JSON.parse(e.data_json ?? 'null') }),
    );

  it('creates tokens owned by the caller, by someone named, or by nobody, each with its event', async () => {
    const own = await createToken(services, admin, { name: ' ci ', role: 'admin' });
    expect(own.token).toMatch(/^rpt_/);
    expect(own.apiToken).toMatchObject({ name: 'ci', role: 'admin', user_id: admin.id, revoked_at: null });
    expect((await findActiveToken(db.kysely, own.token))?.token.id).toBe(own.apiToken.id);
    const shell = await createToken(services, shellActor, { name: 'zapier', role: 'agent' });
    expect(shell.apiToken.user_id).toBeNull();
    const byEmail = await createToken(services, shellActor, {
      name: 'v',
      role: 'viewer',
      owner: { email: 'V@example.test' },
    });
    expect(byEmail.apiToken.user_id).toBe(viewerId);
    const ownerless = await createToken(services, admin, { name: 'bot', role: 'agent', owner: null });
    expect(ownerless.apiToken.user_id).toBeNull();
    expect(await events('token.created')).toEqual([
      { actor: ['user', admin.id], data: { tokenId: own.apiToken.id, role: 'admin', userId: admin.id } },
      {
        actor: ['system', null],
        data: { tokenId: shell.apiToken.id, role: 'agent', userId: null, via: 'cli' },
      },
      {
        actor: ['system', null],
        data: { tokenId: byEmail.apiToken.id, role: 'viewer', userId: viewerId, via: 'cli' },
      },
      { actor: ['user', admin.id], data: { tokenId: ownerless.apiToken.id, role: 'agent', userId: null } },
    ]);
    expect((await listTokens(services)).map((t) => t.name)).toEqual(['bot', 'v', 'zapier', 'ci']);
  });

  it('stores nothing when a token would outrank its owner or the owner is unknown', async () => {
    await expect(
      createToken(services, admin, { name: 'x', role: 'admin', owner: viewerId }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(
      createToken(services, shellActor, { name: 'x', role: 'viewer', owner: { email: 'no@example.test' } }),
    ).rejects.toThrow('user no@example.test not found');
    await expect(
      createToken(services, admin, { name: 'x', role: 'viewer', owner: 999 }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await listTokens(services)).toEqual([]);
    expect(await events('token.created')).toEqual([]);
  });

  it('revokes a token, keeps the first revocation time, and refuses unknown ids', async () => {
    const { token, apiToken } = await createToken(services, admin, { name: 'ci', role: 'agent' });
    const revokedAt = services.clock.now();
    expect((await revokeToken(services, admin, apiToken.id)).revoked_at).toBe(revokedAt);
    services.clock.advance(60_000);
    expect((await revokeToken(services, shellActor, apiToken.id)).revoked_at).toBe(revokedAt);
    expect(await findActiveToken(db.kysely, token)).toBeUndefined();
    await expect(revokeToken(services, admin, 999)).rejects.toMatchObject({ code: 'not_found' });
    expect(await events('token.revoked')).toEqual([
      { actor: ['user', admin.id], data: { tokenId: apiToken.id } },
      { actor: ['system', null], data: { tokenId: apiToken.id, via: 'cli' } },
    ]);
  });
});
