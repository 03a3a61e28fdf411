import { byMessage } from '@atproto/xrpc-server';
import { WebSocket } from 'ws';
import { ChannelError } from '../../platform/errors.js';

/** One message of com.atproto.sync.subscribeRepos: its type (#commit, #identity, #info…) and body. */
export interface RepoStreamMessage {
  type: string;
  body: { [key: string]: unknown };
}

/** The firehose refused or ended the subscription (error frame, bad HTTP answer, lost connection). */
export class FirehoseError extends ChannelError {
  constructor(
    message: string,
    /** The XRPC error name of an error frame (FutureCursor, ConsumerTooSlow…), if any. */
    readonly xrpcError: string | null = null,
  ) {
    super(message);
  }
}

const METHOD = 'com.atproto.sync.subscribeRepos';

/** The subscription address for a ws(s):// base URL and an optional cursor (the last seq handled). */
export function subscribeReposUrl(base: string, cursor: number | null): string {
  const url = new URL(`${base.replace(/\/+$/, '')}/xrpc/${METHOD}`);
  if (cursor !== null) url.searchParams.set('cursor', String(cursor));
  return url.toString();
}

function asFirehoseError(error: unknown): FirehoseError {
  if (error instanceof FirehoseError) return error;
  const e = error as { error?: unknown; message?: unknown; code?: unknown } | null;
  const name = typeof e?.error === 'string' ? e.error : null;
  const text = typeof e?.message === 'string' && e.message ? e.message : String(error);
  const code = typeof e?.code === 'string' && !text.includes(e.code) ? ` (${e.code})` : '';
  return new FirehoseError(name && !text.includes(name) ? `${name}: ${text}` : `${text}${code}`, name);
}

/**
 * Reads the firehose at `base` from after `cursor` (live when null), one decoded message at a time,
 * until the connection ends. A ping every `heartbeatMs` ends a connection that stopped answering.
 * Throws FirehoseError when the server refuses (error frame, HTTP error) or the connection breaks;
 * returns quietly only when aborted.
 */
export async function* readFirehose(
  base: string,
  cursor: number | null,
  options: { signal: AbortSignal; onOpen?: () => void; heartbeatMs?: number },
): AsyncGenerator<RepoStreamMessage> {
  const ws = new WebSocket(subscribeReposUrl(base, cursor), {
    handshakeTimeout: 15_000,
    maxPayload: 16 * 1024 * 1024,
  });
  ws.on('error', () => {}); // errors reach the loop below through the stream; this keeps late ones quiet
  let alive = true;
  const heartbeat = setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    if (ws.readyState === WebSocket.OPEN) ws.ping();
  }, options.heartbeatMs ?? 20_000);
  ws.on('pong', () => {
    alive = true;
  });
  ws.once('open', () => options.onOpen?.());
  let closedWith: string | null = null;
  ws.once('close', (code, reason) => {
    closedWith = `${code}${reason.length ? ` ${reason.toString()}` : ''}`;
  });
  try {
    for await (const frame of byMessage(ws, { signal: options.signal })) {
      alive = true;
      const type = frame.header.t ?? '';
      const body = frame.body;
      if (body && typeof body === 'object' && !Array.isArray(body)) {
        yield { type, body: body as { [key: string]: unknown } };
      }
    }
  } catch (error) {
    if (options.signal.aborted) return;
    throw asFirehoseError(error);
  } finally {
    clearInterval(heartbeat);
    ws.terminate();
  }
  if (options.signal.aborted) return;
  throw new FirehoseError(`the connection was closed${closedWith ? ` (${closedWith})` : ''}`);
}
