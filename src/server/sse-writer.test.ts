import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../platform/live-bus.js';
import { SseWriter } from './sse-writer.js';

// Issue 21, defect 10: with many streams open, one write (and one JSON.stringify) per event per
// stream stalled the event loop. These check the mechanism, a burst becomes one write, not a speed.

function collect() {
  const out = new PassThrough({ decodeStrings: false, encoding: 'utf8' });
  const chunks: string[] = [];
  out.on('data', (c: string) => chunks.push(c));
  return { out, chunks };
}

const created = (messageId: number): LiveEvent => ({
  type: 'message.created',
  conversationId: 1,
  messageId,
  direction: 'inbound',
  sentiment: null,
  priority: null,
});

describe('SseWriter', () => {
  it('writes a burst of events as one chunk, in order, once the flush interval has passed', async () => {
    const { out, chunks } = collect();
    const writer = new SseWriter(out, 10);
    for (let i = 1; i <= 50; i++) writer.send(created(i));
    expect(chunks).toEqual([]);
    await new Promise((r) => setTimeout(r, 30));
    expect(chunks).toHaveLength(1);
    const frames = chunks[0]!.split('\n\n').filter(Boolean);
    expect(frames).toHaveLength(50);
    expect(frames.map((f) => JSON.parse(f.slice(f.indexOf('data: ') + 6)).messageId)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    expect(frames[0]).toMatch(/^event: message\.created\ndata: /);
  });

  it('writes raw text at once, after what was queued, and drops the queue when closed', async () => {
    const { out, chunks } = collect();
    const writer = new SseWriter(out, 10);
    writer.send(created(1));
    writer.writeNow(': ping\n\n');
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatch(/"messageId":1[\s\S]*: ping\n\n$/);
    writer.send(created(2));
    writer.close();
    await new Promise((r) => setTimeout(r, 30));
    expect(chunks).toHaveLength(1);
  });
});
