/**
 * Three `rapport start` processes on one PostgreSQL database behave as one for live clients: a
 * message stored through any of them reaches SSE clients on all three within 1 s (the durable event
 * stream, woken by LISTEN/NOTIFY on every process).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { pgTestUrl } from '../support/engines.js';
import { type Cluster, cluster, openStream, SKIP_REASON, until } from './support.js';

describe.skipIf(!pgTestUrl())(`three processes, one PostgreSQL database (${SKIP_REASON})`, () => {
  let c: Cluster | undefined;
  const streams: { close(): void }[] = [];
  afterEach(async () => {
    for (const s of streams.splice(0)) s.close();
    await c?.close();
    c = undefined;
  });

  it('a message stored through any process reaches SSE clients on all three within 1 s', {
    timeout: 240_000,
  }, async () => {
    c = await cluster();
    const nodes = await Promise.all([c.start(), c.start(), c.start()]);
    const clients = nodes.map((n) => openStream(n.base, c!.token));
    streams.push(...clients);
    await Promise.all(clients.map((s) => s.connected));

    let n = 0;
    const post = async (base: string) => {
      n += 1;
      const started = Date.now();
      const res = await fetch(`${base}/api/v1/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${c!.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          channel: 'generic',
          external_id: `m${n}`,
          direction: 'inbound',
          author: { id: `customer-${n}` },
          text: `my parcel ${n} never arrived`,
          created_at: new Date().toISOString(),
        }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { results: { messageId: number }[] };
      return { started, messageId: body.results[0]!.messageId };
    };
    const everywhere = (messageId: number, ms: number) =>
      Promise.all(
        clients.map((s, i) =>
          until(
            `message ${messageId} on process ${i}`,
            () => s.events.find((e) => e.type === 'message.created' && e.data.messageId === messageId),
            ms,
          ),
        ),
      );

    // warm every process up (each loads its triage model on its first ingest)
    for (const node of nodes) await everywhere((await post(node.base)).messageId, 20_000);

    for (const [i, node] of nodes.entries()) {
      const sent = await post(node.base);
      // waits longer than the bound only to report how late a late event was
      const arrivals = await everywhere(sent.messageId, 5000);
      for (const [j, event] of arrivals.entries()) {
        expect(event.at - sent.started, `stored on ${i}, seen on ${j}`).toBeLessThan(1000);
      }
    }
    // each event once per client, not once per process that relayed it
    for (const s of clients) {
      const ids = s.events.filter((e) => e.type === 'message.created').map((e) => e.data.messageId);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});
