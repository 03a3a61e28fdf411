import v8 from 'node:v8';
import type { IncomingMessage } from '../domain/message-format.js';
import type { ReadBatch } from './import-reader.js';
import type { StoredTriage } from './ingest-triage.js';

/**
 * How the import reader worker's batches cross to the importing thread: messages and their triage
 * as columns (one array per field): structured clone reads dense arrays faster than objects, and
 * that read runs on the importing thread, the import's bottleneck (bench/RESULTS.md); the objects
 * are rebuilt there by plain code.
 */
export interface PackedBatch {
  rows: number;
  bytes: number;
  rejects: ReadBatch['rejects'];
  messages: {
    channel: string[];
    externalId: string[];
    direction: IncomingMessage['direction'][];
    authorId: string[];
    authorHandle: IncomingMessage['author']['handle'][];
    authorName: IncomingMessage['author']['name'][];
    authorFollowers: IncomingMessage['author']['followers'][];
    text: string[];
    createdAt: number[];
    inReplyTo: IncomingMessage['in_reply_to'][];
    threadId: IncomingMessage['thread_id'][];
    url: IncomingMessage['url'][];
    raw: unknown[];
    meta: IncomingMessage['meta'][];
  };
  /** Triage of each message (sentiment null: not triaged), when the reader triaged. */
  triage: {
    sentiment: (StoredTriage['sentiment'] | null)[];
    sentimentScore: number[];
    intent: StoredTriage['intent'][];
    priority: number[];
    json: string[];
  } | null;
}

/** Packs a batch for postMessage. */
export function packBatch(batch: ReadBatch): PackedBatch {
  const v = batch.valid;
  const t = batch.triage;
  return {
    rows: batch.rows,
    bytes: batch.bytes,
    rejects: batch.rejects,
    messages: {
      channel: v.map((m) => m.channel),
      externalId: v.map((m) => m.external_id),
      direction: v.map((m) => m.direction),
      authorId: v.map((m) => m.author.id),
      authorHandle: v.map((m) => m.author.handle),
      authorName: v.map((m) => m.author.name),
      authorFollowers: v.map((m) => m.author.followers),
      text: v.map((m) => m.text),
      createdAt: v.map((m) => m.created_at),
      inReplyTo: v.map((m) => m.in_reply_to),
      threadId: v.map((m) => m.thread_id),
      url: v.map((m) => m.url),
      raw: v.map((m) => m.raw),
      meta: v.map((m) => m.meta),
    },
    triage: t
      ? {
          sentiment: t.map((x) => x?.sentiment ?? null),
          sentimentScore: t.map((x) => x?.sentimentScore ?? 0),
          intent: t.map((x) => x?.intent ?? 'other'),
          priority: t.map((x) => x?.priority ?? 0),
          json: t.map((x) => x?.json ?? ''),
        }
      : null,
  };
}

/** Rebuilds the batch packBatch packed. */
export function unpackBatch(p: PackedBatch): ReadBatch {
  const c = p.messages;
  const valid: IncomingMessage[] = new Array(c.text.length);
  for (let i = 0; i < valid.length; i += 1) {
    valid[i] = {
      channel: c.channel[i]!,
      external_id: c.externalId[i]!,
      direction: c.direction[i]!,
      author: {
        id: c.authorId[i]!,
        handle: c.authorHandle[i],
        name: c.authorName[i],
        followers: c.authorFollowers[i],
      },
      text: c.text[i]!,
      created_at: c.createdAt[i]!,
      in_reply_to: c.inReplyTo[i],
      thread_id: c.threadId[i],
      url: c.url[i],
      raw: c.raw[i],
      meta: c.meta[i],
    };
  }
  const t = p.triage;
  const triage = t
    ? t.sentiment.map((sentiment, i): StoredTriage | null =>
        sentiment === null
          ? null
          : {
              sentiment,
              sentimentScore: t.sentimentScore[i]!,
              intent: t.intent[i]!,
              priority: t.priority[i]!,
              json: t.json[i]!,
            },
      )
    : undefined;
  return { valid, triage, rejects: p.rejects, rows: p.rows, bytes: p.bytes };
}

/**
 * A batch as bytes the reader worker transfers (not copies) to the importing thread. The importing
 * thread decodes it only when it takes the batch, so a batch waiting in its queue is a byte buffer,
 * not objects that live long enough to be promoted to the old heap (which grew peak RSS).
 */
export function encodeBatch(batch: ReadBatch): Uint8Array {
  const bytes = v8.serialize(packBatch(batch));
  // a buffer of its own, so transferring it hands over nothing else
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes
    : new Uint8Array(bytes);
}

/** Rebuilds the batch encodeBatch encoded. */
export function decodeBatch(bytes: Uint8Array): ReadBatch {
  return unpackBatch(v8.deserialize(bytes) as PackedBatch);
}
