import { afterEach, describe, expect, it } from 'vitest';
import {
  addChannelAccount,
  loadChannelAccount,
  setChannelAccountPaused,
} from '../../src/commands/channel-accounts.js';
import { createChannelContext } from '../../src/runtime/channel-host.js';
import { createJobWorker } from '../../src/runtime/job-worker.js';
import { systemActor } from '../../src/store/events-repo.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';

describe.each(testEngines)('replies to a paused account (%s)', (engine) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('wait in the queue until it is resumed, however many attempts that takes, then go out', async () => {
    t = await createTestApp(engine, { RAPPORT_OUTBOUND_MAX_ATTEMPTS: '2' });
    const db = t.services.db.kysely;
    const view = await addChannelAccount(t.services, systemActor, {
      type: 'chat',
      name: 'Shop',
      settings: { allowedOrigins: ['https://shop.example'] },
      verify: false,
    });
    const account = await loadChannelAccount(t.services, view.id);
    const ctx = createChannelContext(t.services, account, new AbortController().signal);
    const report = await ctx.ingest([
      {
        channel: 'chat',
        external_id: 'v_paused:1',
        direction: 'inbound',
        author: { id: 'v_paused', name: null },
        text: 'Anyone there?',
        created_at: '2026-11-01T10:00:00Z',
        thread_id: 'visitor:v_paused',
      },
    ]);
    const { conversationId } = report.results[0]!;
    await setChannelAccountPaused(t.services, systemActor, view.id, true);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/reply`,
      headers: t.bearer(t.agentToken),
      payload: { text: 'Yes, how can we help?' },
    });
    expect(res.statusCode).toBe(200);
    const messageId = Number(res.json().message.id);

    const worker = createJobWorker(t.services, { idleMs: 20 });
    const due = () => db.updateTable('jobs').set({ run_at: 0 }).execute();
    // more rounds than the job has attempts: a pause is not a failure
    for (let round = 0; round < 4; round += 1) {
      expect(await worker.drain()).toBe(1);
      await due();
    }
    const waiting = await db
      .selectFrom('messages')
      .selectAll()
      .where('id', '=', messageId)
      .executeTakeFirst();
    expect(waiting).toMatchObject({ delivery_status: 'queued' });
    expect(waiting?.delivery_error).toMatch(/paused/);
    expect(await db.selectFrom('jobs').select(['status']).execute()).toEqual([{ status: 'pending' }]);

    await setChannelAccountPaused(t.services, systemActor, view.id, false);
    expect(await worker.drain()).toBe(1);
    await worker.stop();
    const sent = await db.selectFrom('messages').selectAll().where('id', '=', messageId).executeTakeFirst();
    expect(sent).toMatchObject({ delivery_status: 'sent', delivery_error: null });
  });
});
