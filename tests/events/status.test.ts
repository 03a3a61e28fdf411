import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventsCommand } from '../../src/cli/commands/events.js';
import { configFrom } from '../../src/platform/config.js';
import { listenersResponseSchema } from '../../src/server/routes/events.schema.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { runCommand } from '../support/cli.js';
import { freshDb, pgTestUrl, testEngines } from '../support/engines.js';

describe.each(testEngines)('event listener status (%s)', (engine) => {
  let t: TestApp | undefined;
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    await t?.close();
    t = undefined;
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('GET /api/v1/events/listeners shows each listener to admins only, in its schema', async () => {
    t = await createTestApp(engine);
    await t.events.settle();
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/events/listeners',
      headers: t.admin.headers,
    });
    expect(res.statusCode).toBe(200);
    const body = listenersResponseSchema.strict().parse(res.json());
    expect(body.items.map((s) => s.name)).toContain('negative-spikes');
    const spikes = body.items.find((s) => s.name === 'negative-spikes')!;
    expect(spikes).toMatchObject({
      types: ['messages.received'],
      lagEvents: 0,
      failures: 0,
      lastError: null,
    });
    expect(spikes.position).not.toBeNull();
    for (const token of [t.agentToken, t.viewerToken]) {
      const refused = await t.app.inject({
        method: 'GET',
        url: '/api/v1/events/listeners',
        headers: t.bearer(token),
      });
      expect(refused.statusCode).toBe(403);
    }
  });

  it('rapport events status prints the same, as text or JSON', async () => {
    let config: ReturnType<typeof configFrom>;
    if (engine === 'postgres') {
      const db = await freshDb('postgres');
      cleanups.push(() => db.close());
      config = configFrom({
        DATABASE_URL: pgTestUrl(),
        RAPPORT_PG_SCHEMA: db.schema,
        RAPPORT_LOG_LEVEL: 'silent',
      });
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-events-'));
      cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
      config = configFrom({ RAPPORT_DATA_DIR: dir, RAPPORT_LOG_LEVEL: 'silent' });
    }
    const json = await runCommand(eventsCommand, ['status', '--json'], config);
    expect(json.code).toBe(0);
    const parsed = listenersResponseSchema.parse(JSON.parse(json.out));
    expect(parsed.items.find((s) => s.name === 'negative-spikes')).toMatchObject({
      position: null,
      lagEvents: 0,
    });
    const text = await runCommand(eventsCommand, ['status'], config);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(
      /^alerts {2}not started {2}position - {2}lag 0 events, 0ms\n {2}types: messages.received, alert.negative_spike, note.created, conversation.assigned, routing.notify\nemail-proofs {2}not started {2}position - {2}lag 0 events, 0ms\n {2}types: reply.sent\nnegative-spikes {2}not started {2}position - {2}lag 0 events, 0ms\n {2}types: messages.received\npeople-scores {2}not started {2}position - {2}lag 0 events, 0ms\n {2}types: messages.received, conversation.status, message.triage_corrected, contact.merged, contact.unmerged, contact.email_confirmed\nrouting {2}not started {2}position - {2}lag 0 events, 0ms\n {2}types: messages.received\nsla-recompute {2}not started {2}position - {2}lag 0 events, 0ms\n {2}types: sla.changed\n$/,
    );
    const bad = await runCommand(eventsCommand, ['nope'], config).catch((e: Error) => e);
    expect(bad).toBeInstanceOf(Error);
  });
});
