import { afterEach, describe, expect, it } from 'vitest';
import { getUser } from '../src/store/users-repo.js';
import { createTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/engines.js';

describe.each(testEngines)('PATCH /api/v1/users/:id on %s', (engine) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  const userEvents = () =>
    t.services.db.kysely.selectFrom('events').select('type').where('type', '=', 'user.updated').execute();

  it('applies nothing when one part of the patch is refused (rename + demote the last admin)', async () => {
    t = await createTestApp(engine);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${t.admin.userId}`,
      headers: t.admin.headers,
      payload: { name: 'Renamed Admin', role: 'agent' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('conflict');
    const after = await getUser(t.services.db.kysely, t.admin.userId);
    expect(after).toMatchObject({ name: 'Ada Admin', role: 'admin', disabled: 0 });
    expect(await userEvents()).toHaveLength(0);
  });

  it('applies nothing when disabling the last admin is refused after a rename and a role change', async () => {
    t = await createTestApp(engine);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${t.admin.userId}`,
      headers: t.admin.headers,
      payload: { name: 'Renamed Admin', role: 'admin', disabled: true },
    });
    expect(res.statusCode).toBe(409);
    expect(await getUser(t.services.db.kysely, t.admin.userId)).toMatchObject({
      name: 'Ada Admin',
      disabled: 0,
    });
    expect(await userEvents()).toHaveLength(0);
  });

  it('applies a whole patch with one audit event', async () => {
    t = await createTestApp(engine);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${t.userIds.agent}`,
      headers: t.admin.headers,
      payload: { name: 'Alex Admin', role: 'admin' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toEqual({
      id: t.userIds.agent,
      email: 'agent@example.test',
      name: 'Alex Admin',
      role: 'admin',
      disabled: false,
    });
    const events = await t.services.db.kysely
      .selectFrom('events')
      .selectAll()
      .where('type', '=', 'user.updated')
      .execute();
    expect(events.map((e) => JSON.parse(e.data_json ?? 'null'))).toEqual([
      { userId: t.userIds.agent, name: 'Alex Admin', role: 'admin' },
    ]);
    const missing = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/users/9999',
      headers: t.admin.headers,
      payload: { name: 'Nobody' },
    });
    expect(missing.statusCode).toBe(404);
  });
});
