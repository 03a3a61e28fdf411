import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/engines.js';

const METRICS_TOKEN = 'prometheus-scrape-token-0123';

describe.each(testEngines)('readiness and Prometheus metrics on %s', (engine) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('is ready when the database answers and every migration is applied, and says which check fails', async () => {
    t = await createTestApp(engine);
    const ready = await t.app.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', engine, checks: { migrations: { pending: [] } } });

    // a database another (older) version left behind: the newest migration is missing
    const last = await sql<{
      name: string;
    }>`select name from rapport_migrations order by name desc limit 1`.execute(t.services.db.kysely);
    const name = last.rows[0]!.name;
    await sql`delete from rapport_migrations where name = ${name}`.execute(t.services.db.kysely);
    const notReady = await t.app.inject({ method: 'GET', url: '/api/ready' });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json()).toMatchObject({
      error: {
        code: 'not_ready',
        details: { checks: { database: { ok: true }, migrations: { ok: false, pending: [name] } } },
      },
    });
    expect(notReady.json().error.message).toContain(name);
    // liveness is not readiness: the process itself is fine
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('keeps metrics off until a token is set', async () => {
    t = await createTestApp(engine);
    const off = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(off.statusCode).toBe(404);
    expect(off.json().error.message).toMatch(/RAPPORT_METRICS_TOKEN/);
    // an API token is not the scrape token
    const withApiToken = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: t.bearer(t.agentToken),
    });
    expect(withApiToken.statusCode).toBe(404);
  });

  it('serves HTTP latency, queue, listener, channel and ingest figures to the scrape token only', async () => {
    t = await createTestApp(engine, { RAPPORT_METRICS_TOKEN: METRICS_TOKEN });
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/metrics',
          headers: { authorization: 'Bearer wrong-token-wrong' },
        })
      ).statusCode,
    ).toBe(401);

    await t.app.inject({ method: 'GET', url: '/api/health' });
    const stored = await t.app.inject({
      method: 'POST',
      url: '/api/v1/messages',
      headers: t.bearer(t.agentToken),
      payload: {
        channel: 'twitter',
        external_id: 'm1',
        direction: 'inbound',
        author: { id: 'c1', name: 'Chris' },
        text: 'my order never arrived',
        created_at: '2026-11-01T10:00:00Z',
      },
    });
    expect(stored.statusCode).toBe(200);

    const scrape = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(scrape.statusCode).toBe(200);
    expect(scrape.headers['content-type']).toMatch(/^text\/plain/);
    const text = scrape.body;
    expect(text).toMatch(
      /rapport_http_request_duration_seconds_count\{method="GET",route="\/api\/health",status="2xx"\} 1/,
    );
    expect(text).toMatch(
      /rapport_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/messages",status="2xx"\} 1/,
    );
    const storedTotal = /^rapport_messages_stored_total (\d+)/m.exec(text);
    expect(Number(storedTotal?.[1])).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^rapport_jobs_lag_seconds 0$/m);
    expect(text).toMatch(/rapport_listener_lag_events\{listener="[a-z-]+"\} \d+/);
    expect(text).toMatch(/rapport_process_nodejs_eventloop_lag_seconds/);
    // scrapes are not themselves measured, and raw URLs never become labels
    expect(text).not.toMatch(/route="\/metrics"/);
  });
});

describe('request ids', () => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('answers each request with a unique id, and keeps a trusted proxy’s id', async () => {
    t = await createTestApp('sqlite');
    const a = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'forged' },
    });
    const b = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
    await t.close();

    t = await createTestApp('sqlite', { RAPPORT_TRUST_PROXY: 'true' });
    const proxied = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'edge-42' },
    });
    expect(proxied.headers['x-request-id']).toBe('edge-42');
  });
});
