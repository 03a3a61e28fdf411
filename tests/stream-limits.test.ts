/**
 * Live streams are bounded per client (issue 21, defect 9: one token opened 1,000): an API token or
 * a signed-in session holds at most RAPPORT_STREAMS_PER_CLIENT streams; one more is a 429 with the
 * stable code too_many_streams, and a closed stream gives its place back.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.js';
import { eventually } from './support/channel-contract.js';
import { testEngines } from './support/engines.js';

/** An answer to GET /api/v1/stream: its status, and for an error its body. */
interface Opened {
  status: number;
  body: string;
  request: http.ClientRequest;
}

/** Opens the stream with `headers`; resolves once the status line is in (an error's whole body). */
function openStream(port: number, headers: Record<string, string>): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/api/v1/stream', headers }, (res) => {
      const status = res.statusCode ?? 0;
      if (status === 200) return resolve({ status, body: '', request });
      let body = '';
      res.on('data', (d) => {
        body += String(d);
      });
      res.on('end', () => resolve({ status, body, request }));
    });
    request.on('error', reject);
  });
}

describe.each(testEngines)('live stream limits on %s', (engine) => {
  let t: TestApp | undefined;
  const open: Opened[] = [];
  afterEach(async () => {
    for (const o of open.splice(0)) o.request.destroy();
    await t?.close();
    t = undefined;
  });

  const start = async () => {
    t = await createTestApp(engine, { RAPPORT_STREAMS_PER_CLIENT: '3' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    return { app: t, port: (t.app.server.address() as AddressInfo).port };
  };
  const openAll = async (port: number, headers: Record<string, string>, n: number) => {
    for (let i = 0; i < n; i++) {
      const o = await openStream(port, headers);
      open.push(o);
      expect(o.status).toBe(200);
    }
  };

  it('refuses a token its fourth stream with 429 too_many_streams, and takes it after one closes', async () => {
    const { app, port } = await start();
    const token = app.bearer(app.agentToken);
    await openAll(port, token, 3);
    const refused = await openStream(port, token);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body).error).toMatchObject({ code: 'too_many_streams', details: { limit: 3 } });
    expect(JSON.parse(refused.body).error.message).toMatch(/already has 3 live streams open/);
    // another client is not held back by this one's streams
    const other = await openStream(port, app.bearer(app.viewerToken));
    open.push(other);
    expect(other.status).toBe(200);

    open.shift()?.request.destroy(); // a stream closes: its place is given back
    const reopened = await eventually(
      async () => {
        const o = await openStream(port, token);
        if (o.status === 200) return o;
        return undefined;
      },
      5000,
      'a place for the token after one of its streams closed',
    );
    open.push(reopened);
    expect((await openStream(port, token)).status).toBe(429);
  });

  it('counts a signed-in session on its own', async () => {
    const { app, port } = await start();
    const session = { cookie: app.admin.cookie };
    await openAll(port, session, 3);
    const refused = await openStream(port, session);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body).error.code).toBe('too_many_streams');
    // the same user signed in elsewhere is another session
    const elsewhere = await app.login('admin');
    const fresh = await openStream(port, { cookie: elsewhere.cookie });
    open.push(fresh);
    expect(fresh.status).toBe(200);
  });
});
