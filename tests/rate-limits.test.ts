import { afterEach, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/store/tokens-repo.js';
import { createTestApp, type TestApp } from './support/app.js';

describe('request rate limits', () => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('gives each API token its own, higher limit instead of sharing its address with everyone', async () => {
    t = await createTestApp('sqlite', {
      RAPPORT_RATE_LIMIT_PER_MINUTE: '3',
      RAPPORT_TOKEN_RATE_LIMIT_PER_MINUTE: '6',
    });
    const second = await createApiToken(t.services.db.kysely, {
      name: 'second integration',
      role: 'agent',
      userId: t.userIds.agent,
      now: t.services.clock.now(),
    });
    const list = (headers: Record<string, string>) =>
      t.app.inject({ method: 'GET', url: '/api/v1/conversations', headers });
    const first = [];
    for (let i = 0; i < 7; i++) first.push((await list(t.bearer(t.agentToken))).statusCode);
    // six within the token's limit (twice the address limit), the seventh refused
    expect(first).toEqual([200, 200, 200, 200, 200, 200, 429]);
    // another token from the same address is not affected
    expect((await list(t.bearer(second.token))).statusCode).toBe(200);
    // a browser session from that address has the address's own budget
    const admin = t.admin.headers;
    const browser = [];
    for (let i = 0; i < 4; i++) browser.push((await list(admin)).statusCode);
    expect(browser).toEqual([200, 200, 200, 429]);
  });
});
