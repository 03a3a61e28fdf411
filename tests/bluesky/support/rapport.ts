import { inject } from 'vitest';
import { systemClock } from '../../../src/platform/clock.js';
import { ChannelSupervisor } from '../../../src/runtime/channel-supervisor.js';
import { createJobWorker } from '../../../src/runtime/job-worker.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import type { Engine } from '../../support/contract.js';
import { eventually, type TestAccount } from './accounts.js';

/** A Rapport install (API, job worker, channel supervisor) with the real clock, on in-memory SQLite by default. */
export interface RapportUnderTest extends TestApp {
  supervisor: ChannelSupervisor;
  /** Adds a Bluesky account through POST /api/v1/channels (verified) and returns its id. */
  addBluesky(brand: TestAccount, settings?: Record<string, unknown>): Promise<number>;
  /** GET on the API as the agent. */
  get<T = unknown>(url: string): Promise<T>;
  /** POST on the API as the agent. */
  post<T = unknown>(url: string, payload: unknown): Promise<{ status: number; body: T }>;
  /** The inbox's conversation with a message of this external id, once it is there. */
  conversationWith(externalId: string, timeoutMs?: number): Promise<ConversationDetail>;
}

/** The parts of GET /api/v1/conversations/:id the tests read. */
export interface ConversationDetail {
  conversation: { id: number; channel: string };
  messages: {
    id: number;
    externalId: string;
    direction: string;
    author: { externalId: string | null; handle: string | null; name: string | null };
    text: string;
    inReplyTo: string | null;
    deliveryStatus: string | null;
    deliveryError: string | null;
  }[];
}

/**
 * Starts Rapport with its background parts, as `rapport start` wires them (without the channel
 * supervisor when a test runs a connector itself, without the job worker when it drains the queue
 * itself).
 */
export async function startRapport(
  options: { supervisor?: boolean; worker?: boolean; engine?: Engine } = {},
): Promise<RapportUnderTest> {
  const t = await createTestApp(
    options.engine ?? 'sqlite',
    { RAPPORT_CHANNEL_RECONCILE_MS: '200', RAPPORT_OUTBOUND_BASE_DELAY_MS: '200' },
    { clock: systemClock },
  );
  const worker = options.worker === false ? null : createJobWorker(t.services, { idleMs: 100 });
  worker?.start();
  const supervisor = new ChannelSupervisor(t.services, options.supervisor === false ? [] : undefined);
  await supervisor.start();
  const headers = t.bearer(t.agentToken);
  const adminHeaders = t.admin.headers;

  const get = async <T>(url: string): Promise<T> => {
    const res = await t.app.inject({ method: 'GET', url, headers });
    if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as T;
  };
  const post = async <T>(url: string, payload: unknown) => {
    const res = await t.app.inject({ method: 'POST', url, headers, payload: payload as object });
    return { status: res.statusCode, body: res.json() as T };
  };

  return {
    ...t,
    supervisor,
    get,
    post,
    async addBluesky(brand, settings = {}) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/channels',
        headers: adminHeaders,
        payload: {
          type: 'bluesky',
          name: brand.handle,
          settings: {
            service: inject('bluesky').pdsUrl,
            handle: brand.handle,
            pollIntervalSeconds: 1,
            ...settings,
          },
          secrets: { appPassword: brand.appPassword },
        },
      });
      if (res.statusCode !== 201 && res.statusCode !== 200) {
        throw new Error(`adding the Bluesky account failed: ${res.statusCode} ${res.body}`);
      }
      const id = (res.json() as { account: { id: number } }).account.id;
      await supervisor.reconcile();
      return id;
    },
    async conversationWith(externalId, timeoutMs = 10_000) {
      const row = await eventually(
        () =>
          t.services.db.kysely
            .selectFrom('messages')
            .select('conversation_id')
            .where('external_id', '=', externalId)
            .executeTakeFirst(),
        { timeoutMs, intervalMs: 50, what: `message ${externalId} in Rapport` },
      );
      return get<ConversationDetail>(`/api/v1/conversations/${row.conversation_id}`);
    },
    async close() {
      await supervisor.stop();
      await worker?.stop();
      await t.close();
    },
  };
}

/** The stored direction and metadata of the message with this external id (undefined: not stored). */
export async function metaOf(r: RapportUnderTest, uri: string) {
  const row = await r.services.db.kysely
    .selectFrom('messages')
    .select(['meta_json', 'direction'])
    .where('external_id', '=', uri)
    .executeTakeFirst();
  return row ? { direction: row.direction, meta: JSON.parse(row.meta_json ?? 'null') } : undefined;
}
