import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { importFile } from '../src/ingest/import-file.js';
import { ManualClock } from '../src/platform/clock.js';
import { createTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/engines.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const NOW = Date.UTC(2026, 10, 30, 9);
const DAY = 86_400_000;

/** Three weeks-old unanswered, angry posts from a channel's export (JSONL in the core format). */
function historyFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-sla-history-'));
  dirs.push(dir);
  const file = path.join(dir, 'history.jsonl');
  const rows = [1, 2, 3].map((k) => ({
    channel: 'twitter',
    external_id: `old-${k}`,
    direction: 'inbound',
    author: { id: `old-author-${k}`, handle: `angry${k}` },
    text: `@brand worst service ever, I am furious and want a refund now, scam #${k}`,
    created_at: new Date(NOW - 24 * DAY - k * 60_000).toISOString(),
  }));
  fs.writeFileSync(file, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
  return file;
}

describe.each(testEngines)('imported history on %s', (engine) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  async function setUp(overrides: Record<string, string> = {}) {
    t = await createTestApp(
      engine,
      { RAPPORT_GENERIC_WEBHOOK_URL: 'http://127.0.0.1:9/hook', ...overrides },
      { clock: new ManualClock(NOW) },
    );
    const headers = t.bearer(t.agentToken);
    const list = async (query: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/v1/conversations?${query}`, headers })).json()
        .items as { id: number; channel: string; replyDueAt: number | null; priority: number }[];
    const today = async (channel = 'email-import') => {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/messages',
        headers,
        payload: {
          channel,
          external_id: 'today-1',
          direction: 'inbound',
          author: { id: 'pat', name: 'Pat' },
          text: 'My whole family got food poisoning after eating your salad yesterday. Please call me.',
          created_at: new Date(NOW - 60_000).toISOString(),
        },
      });
      return r.json().results[0].conversationId as number;
    };
    return { list, today };
  }

  it('runs no live timers, stays out of Breaching and ranks below today’s emergency', async () => {
    const { list, today } = await setUp();
    await importFile(t.services, historyFile(), { format: 'jsonl' });
    const live = await today();

    const all = await list('sort=priority');
    const imported = all.filter((c) => c.channel === 'twitter');
    expect(imported).toHaveLength(3);
    for (const c of imported) expect(c.replyDueAt).toBeNull();
    expect(all[0]!.id).toBe(live);
    expect((await list('view=breaching')).map((c) => c.id)).toEqual([]);

    // the customer writes again today: the conversation is live from then on
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/messages',
      headers: t.bearer(t.agentToken),
      payload: {
        channel: 'twitter',
        external_id: 'old-1-again',
        in_reply_to: 'old-1',
        direction: 'inbound',
        author: { id: 'old-author-1', handle: 'angry1' },
        text: 'Still nothing?? Three weeks!',
        created_at: new Date(NOW - 30 * 60_000).toISOString(),
      },
    });
    expect((await list('view=breaching')).map((c) => c.channel)).toEqual(['twitter']);
  });

  it('runs timers when the import is asked to', async () => {
    const { list } = await setUp();
    await importFile(t.services, historyFile(), { format: 'jsonl', liveTimers: true });
    expect(await list('view=breaching')).toHaveLength(3);
  });

  it('runs no timers where the channel cannot reply (no webhook, no account)', async () => {
    const { list, today } = await setUp({ RAPPORT_GENERIC_WEBHOOK_URL: '' });
    const id = await today();
    const [c] = await list('sort=priority');
    expect(c).toMatchObject({ id, replyDueAt: null });
  });
});
