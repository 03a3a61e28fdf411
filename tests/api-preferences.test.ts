import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/engines.js';

describe.each(testEngines)('GET/PATCH /api/v1/me/preferences on %s', (engine) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('starts at the defaults, keeps a change per person, and refuses unknown settings', async () => {
    t = await createTestApp(engine);
    const get = async (headers: Record<string, string>) =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/me/preferences', headers })).json();
    const defaults = {
      keyboardShortcuts: true,
      theme: 'system',
      urgentSound: false,
      checklistDismissed: false,
      language: 'auto',
    };
    expect(await get(t.admin.headers)).toEqual({ preferences: defaults });

    const off = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/preferences',
      headers: t.admin.headers,
      payload: { keyboardShortcuts: false },
    });
    const changed = { ...defaults, keyboardShortcuts: false };
    expect(off.json()).toEqual({ preferences: changed });
    expect(await get(t.admin.headers)).toEqual({ preferences: changed });

    // another person's settings are their own
    const agent = await t.login('agent');
    expect(await get(agent.headers)).toEqual({ preferences: defaults });

    const bad = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/preferences',
      headers: t.admin.headers,
      payload: { keyboardShortcuts: 'no', theme: 'dark' },
    });
    expect(bad.statusCode).toBe(400);
    const badTheme = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/preferences',
      headers: t.admin.headers,
      payload: { theme: 'sepia' },
    });
    expect(badTheme.statusCode).toBe(400);
    expect(await get(t.admin.headers)).toEqual({ preferences: changed });
  });

  it('keeps the theme and the urgent-alert sound, each without touching the other settings', async () => {
    t = await createTestApp(engine);
    const patch = (payload: object) =>
      t.app.inject({ method: 'PATCH', url: '/api/v1/me/preferences', headers: t.admin.headers, payload });
    expect((await patch({ theme: 'dark' })).json()).toEqual({
      preferences: {
        keyboardShortcuts: true,
        theme: 'dark',
        urgentSound: false,
        checklistDismissed: false,
        language: 'auto',
      },
    });
    expect((await patch({ urgentSound: true })).json()).toEqual({
      preferences: {
        keyboardShortcuts: true,
        theme: 'dark',
        urgentSound: true,
        checklistDismissed: false,
        language: 'auto',
      },
    });
  });

  it('keeps the language (auto, English or German) and refuses any other', async () => {
    t = await createTestApp(engine);
    const patch = (payload: object) =>
      t.app.inject({ method: 'PATCH', url: '/api/v1/me/preferences', headers: t.admin.headers, payload });
    expect((await patch({ language: 'de' })).json().preferences.language).toBe('de');
    expect((await patch({ language: 'fr' })).statusCode).toBe(400);
    const read = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/preferences',
      headers: t.admin.headers,
    });
    expect(read.json().preferences).toMatchObject({ language: 'de', theme: 'system' });
  });

  it('is per signed-in person: a viewer may change their own, no session is refused', async () => {
    t = await createTestApp(engine);
    const viewer = await t.login('viewer');
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me/preferences',
      headers: viewer.headers,
      payload: { keyboardShortcuts: false },
    });
    expect(res.statusCode).toBe(200);
    const unauth = await t.app.inject({ method: 'GET', url: '/api/v1/me/preferences' });
    expect(unauth.statusCode).toBe(401);
  });
});
