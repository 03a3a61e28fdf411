/**
 * SIGKILL of the server in the middle of API ingest, at a random moment, on both engines (issue 21's
 * fault suite): every batch the server acknowledged is stored after the crash, and resending every
 * batch to the restarted server (what a client does with the ones it got no answer for) ends with
 * each message exactly once.
 */
import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/store/tokens-repo.js';
import { eventually } from '../support/channel-contract.js';
import { freePort } from '../support/dovecot.js';
import { testEngines } from '../support/engines.js';
import { faultRandom, killHard, type SharedDatabase, sharedDatabase, startRapport } from './support.js';

const BATCHES = 40;
const PER_BATCH = 25;

/** Batch `b`'s messages (replies thread into earlier ones, so ingest does real work). */
function batch(b: number) {
  return Array.from({ length: PER_BATCH }, (_, i) => ({
    channel: 'twitter',
    external_id: `m-${b}-${i}`,
    direction: 'inbound',
    author: { id: `u${(b * 7 + i) % 30}`, handle: `u${(b * 7 + i) % 30}` },
    text: `Batch ${b} message ${i}: my order has not arrived`,
    created_at: new Date(Date.UTC(2026, 10, 1) + b * 60_000 + i * 1000).toISOString(),
    in_reply_to: i > 0 ? `m-${b}-${i - 1}` : null,
  }));
}

describe.each(testEngines)('the server killed mid-ingest on %s', (engine) => {
  let shared: SharedDatabase | undefined;
  let child: ChildProcess | undefined;
  afterEach(async () => {
    await killHard(child);
    await shared?.cleanup();
    shared = undefined;
  });

  it('keeps every acknowledged batch, and a full resend stores each message exactly once', async () => {
    const random = faultRandom(`server-kill ${engine}`);
    shared = await sharedDatabase(engine);
    const db = shared.db;
    const user = await db.kysely
      .insertInto('users')
      .values({
        email: 'ops@example.test',
        name: 'Ops',
        role: 'agent',
        password_hash: 'x',
        created_at: Date.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { token } = await createApiToken(db.kysely, {
      name: 'faults',
      role: 'agent',
      userId: Number(user.id),
      now: Date.now(),
    });
    const port = await freePort();
    const env = { ...shared.env, PORT: String(port), HOST: '127.0.0.1' };
    const base = `http://127.0.0.1:${port}`;
    const up = () =>
      eventually(
        async () => (await fetch(`${base}/api/health`).catch(() => null))?.ok,
        60_000,
        'the server to answer',
      );
    const post = (b: number) =>
      fetch(`${base}/api/v1/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ messages: batch(b) }),
      });

    child = startRapport(env);
    await up();
    // two clients post batches while the server is killed at a random moment
    const acknowledged = new Set<number>();
    let next = 0;
    const client = async () => {
      while (next < BATCHES) {
        const b = next++;
        const res = await post(b).catch(() => null);
        if (!res) return; // the server is gone
        expect(res.status).toBe(200);
        acknowledged.add(b);
      }
    };
    const clients = Promise.all([client(), client()]);
    const killAfter = 3 + Math.floor(random() * (BATCHES - 18));
    await eventually(async () => acknowledged.size >= killAfter || next >= BATCHES, 60_000, 'batches');
    await new Promise((r) => setTimeout(r, random() * 50));
    await killHard(child);
    await clients;
    expect(acknowledged.size).toBeLessThan(BATCHES);

    // nothing acknowledged is lost
    const stored = new Set(
      (await db.kysely.selectFrom('messages').select('external_id').execute()).map((r) => r.external_id),
    );
    for (const b of acknowledged) {
      for (const m of batch(b)) expect(stored.has(m.external_id)).toBe(true);
    }

    // the restarted server takes every batch again; each message is stored once
    child = startRapport(env);
    await up();
    for (let b = 0; b < BATCHES; b++) expect((await post(b)).status).toBe(200);
    const counts = await db.kysely
      .selectFrom('messages')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.count<number>('external_id').distinct().as('d'),
      ])
      .executeTakeFirstOrThrow();
    expect(Number(counts.n)).toBe(BATCHES * PER_BATCH);
    expect(Number(counts.d)).toBe(BATCHES * PER_BATCH);
    // every reply link survived: the messages of a batch share one conversation
    const conversations = await db.kysely
      .selectFrom('messages')
      .select('conversation_id')
      .distinct()
      .execute();
    expect(conversations).toHaveLength(BATCHES);
  }, 180_000);
});
