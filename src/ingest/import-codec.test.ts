import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { validateMessage } from '../domain/message-format.js';
import { defaultTriager } from '../triage/default-triager.js';
import { decodeBatch, encodeBatch, packBatch, unpackBatch } from './import-codec.js';
import type { ReadBatch } from './import-reader.js';
import { triageMessage } from './ingest-triage.js';

const inputs = [
  {
    channel: 'twitter',
    external_id: 1,
    direction: 'inbound',
    author: { id: 7, handle: 'sam', name: 'Sam', followers: 12 },
    text: 'my parcel never arrived, refund please',
    created_at: '2026-01-01T10:00:00Z',
    in_reply_to: '0',
    thread_id: 'T',
    url: 'https://example.com/1',
    raw: { any: ['thing', 1, null] },
    meta: { subject: 'hello' },
  },
  {
    channel: 'generic',
    external_id: 'b',
    direction: 'outbound',
    author: { id: 'brand' },
    text: 'on it!',
    created_at: 1767261600000,
  },
  {
    channel: 'generic',
    external_id: 'c',
    direction: 'inbound',
    author: { id: 'x', handle: null },
    text: '',
    created_at: '2026-01-01T10:00:00Z',
    raw: null,
    in_reply_to: null,
  },
];

describe('import batch codec', () => {
  it('rebuilds messages, triage and counts exactly after a structured clone', () => {
    const valid = inputs.map((m) => {
      const v = validateMessage(m);
      if (!v.ok) throw new Error(v.errors.join());
      return v.message;
    });
    const batch: ReadBatch = {
      valid,
      triage: valid.map((m) => triageMessage(defaultTriager, m)),
      rejects: [{ row: 4, errors: ['invalid JSON'] }],
      rows: 4,
      bytes: 1234,
    };
    const back = unpackBatch(v8.deserialize(v8.serialize(packBatch(batch))));
    expect(back).toEqual(batch);
    // as the worker hands it over: bytes of their own, transferable
    const bytes = encodeBatch(batch);
    expect(bytes.byteLength).toBe(bytes.buffer.byteLength);
    expect(decodeBatch(bytes)).toEqual(batch);
    expect(back.valid[2]!.raw).toBeNull();
    expect('raw' in back.valid[1]! ? back.valid[1]!.raw : undefined).toBeUndefined();
    expect(back.triage![1]).toBeNull();
    const untriaged = unpackBatch(v8.deserialize(v8.serialize(packBatch({ ...batch, triage: undefined }))));
    expect(untriaged.triage).toBeUndefined();
    expect(untriaged.valid).toEqual(valid);
  });
});
