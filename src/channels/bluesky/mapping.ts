import type { IncomingMessageInput } from '../../domain/message-format.js';
import { inStoredRange } from '../../domain/timestamps.js';
import { BLUESKY_CHANNEL } from './settings.js';

/** A strong reference to a record: its at:// URI and content hash. */
export interface PostRef {
  uri: string;
  cid: string;
}

/** A post as notifications, searches and feeds return it (the fields the mapping reads). */
export interface FoundPost {
  uri: string;
  cid: string;
  author: { did: string; handle: string; displayName?: string };
  /** The app.bsky.feed.post record, as untyped JSON. */
  record: { [key: string]: unknown };
  indexedAt: string;
}

/** How a post reached Rapport: a notification of the brand, a listening search, or the brand's own feed. */
export type FoundBy = 'notification' | 'listening' | 'brand';

/** Channel metadata stored with each Bluesky message (message.meta). */
export interface BlueskyMeta {
  [key: string]: unknown;
  cid: string;
  /** Thread root; the post itself when it starts a thread. */
  root: PostRef;
  /** The post it replies to (null for a thread's first post). */
  parent: PostRef | null;
  found_by: FoundBy;
  /** Notification reason (mention, reply, quote) when found_by is 'notification'. */
  reason?: string;
  /** The listening keyword that matched, when found_by is 'listening'. */
  keyword?: string;
  /** 'firehose' when the post came from the live stream rather than a poll. */
  via?: 'firehose';
  /** URI of the post it quotes. */
  quote_of?: string;
  /** Kind of embedded media (images, video, external link), if any. */
  embed?: string;
  langs?: string[];
}

/** The parts of an at:// URI: `at://did:plc:x/app.bsky.feed.post/3k…`. */
export function parseAtUri(uri: string): { did: string; collection: string; rkey: string } | null {
  const m = /^at:\/\/([^/]+)\/([^/]+)\/([^/?#]+)$/.exec(uri);
  return m ? { did: m[1]!, collection: m[2]!, rkey: m[3]! } : null;
}

/** The repository (author DID) of a record URI, or null. */
export function didOfUri(uri: string): string | null {
  return parseAtUri(uri)?.did ?? null;
}

/** The public web address of a post (bsky.app accepts DIDs, which survive handle changes). */
export function postUrl(uri: string): string | null {
  const parts = parseAtUri(uri);
  return parts ? `https://bsky.app/profile/${parts.did}/post/${parts.rkey}` : null;
}

function asRef(value: unknown): PostRef | null {
  if (!value || typeof value !== 'object') return null;
  const { uri, cid } = value as { uri?: unknown; cid?: unknown };
  return typeof uri === 'string' && typeof cid === 'string' ? { uri, cid } : null;
}

/** The reply references of a post record (root and parent), or null for a thread's first post. */
export function replyRefsOf(record: { [key: string]: unknown }): { root: PostRef; parent: PostRef } | null {
  const reply = record.reply as { root?: unknown; parent?: unknown } | undefined;
  const root = asRef(reply?.root);
  const parent = asRef(reply?.parent);
  return root && parent ? { root, parent } : null;
}

/** The URI a post quotes (record embed, alone or with media), if any. */
export function quotedUriOf(record: { [key: string]: unknown }): string | null {
  const embed = record.embed as { $type?: string; record?: { uri?: unknown; record?: { uri?: unknown } } };
  if (embed?.$type === 'app.bsky.embed.record' && typeof embed.record?.uri === 'string')
    return embed.record.uri;
  if (embed?.$type === 'app.bsky.embed.recordWithMedia' && typeof embed.record?.record?.uri === 'string') {
    return embed.record.record.uri;
  }
  return null;
}

function embedKindOf(record: { [key: string]: unknown }): string | null {
  const type = (record.embed as { $type?: unknown } | undefined)?.$type;
  if (typeof type !== 'string') return null;
  const kind = type.replace(/^app\.bsky\.embed\./, '');
  return kind === 'record' ? null : kind;
}

/**
 * Whether a post mentions an account the way Bluesky notifies it: a mention facet of its DID. (An
 * "@handle" typed without a facet notifies nobody, so listening must not skip it.)
 */
export function mentionsAccount(record: { [key: string]: unknown }, did: string): boolean {
  const facets = Array.isArray(record.facets) ? (record.facets as { features?: unknown }[]) : [];
  return facets.some(
    (facet) =>
      Array.isArray(facet?.features) &&
      (facet.features as { $type?: string; did?: string }[]).some(
        (f) => f?.$type === 'app.bsky.richtext.facet#mention' && f.did === did,
      ),
  );
}

/**
 * The conversation key of a post: its thread root, so a customer's thread is one conversation. A
 * thread the brand started (an announcement) is not a key: every customer replying under it gets their
 * own conversation, linked through in_reply_to instead.
 */
export function threadKeyOf(post: Pick<FoundPost, 'uri' | 'record'>, brandDid: string): string | null {
  const root = replyRefsOf(post.record)?.root.uri ?? post.uri;
  return didOfUri(root) === brandDid ? null : root;
}

/** The earlier of the record's own timestamp and the time the AppView saw it (authors can backdate). */
export function postTimestamp(post: Pick<FoundPost, 'record' | 'indexedAt'>): string {
  const created = typeof post.record.createdAt === 'string' ? Date.parse(post.record.createdAt) : Number.NaN;
  const indexed = Date.parse(post.indexedAt);
  // the author writes createdAt: a time Rapport does not store (before 1970, from 2100) is ignored
  if (!inStoredRange(created)) return post.indexedAt;
  if (Number.isNaN(indexed)) return new Date(created).toISOString();
  return new Date(Math.min(created, indexed)).toISOString();
}

/**
 * A post in Rapport's message format: external id = post URI (dedupe), in_reply_to = parent URI,
 * thread_id = thread root (see threadKeyOf), author followers for reach, and the reply references the
 * sender needs kept in meta. Posts by the brand itself are outbound.
 */
export function postToMessage(
  post: FoundPost,
  options: {
    brandDid: string;
    foundBy: FoundBy;
    reason?: string;
    keyword?: string;
    via?: 'firehose';
    followers?: number | null;
  },
): IncomingMessageInput {
  const refs = replyRefsOf(post.record);
  const embed = embedKindOf(post.record);
  const quoteOf = quotedUriOf(post.record);
  const langs = Array.isArray(post.record.langs)
    ? (post.record.langs as unknown[]).filter((l): l is string => typeof l === 'string').slice(0, 3)
    : [];
  const meta: BlueskyMeta = {
    cid: post.cid,
    root: refs?.root ?? { uri: post.uri, cid: post.cid },
    parent: refs?.parent ?? null,
    found_by: options.foundBy,
    ...(options.reason ? { reason: options.reason } : {}),
    ...(options.keyword ? { keyword: options.keyword } : {}),
    ...(options.via ? { via: options.via } : {}),
    ...(quoteOf ? { quote_of: quoteOf } : {}),
    ...(embed ? { embed } : {}),
    ...(langs.length ? { langs } : {}),
  };
  const text = typeof post.record.text === 'string' ? post.record.text : '';
  return {
    channel: BLUESKY_CHANNEL,
    external_id: post.uri,
    direction: post.author.did === options.brandDid ? 'outbound' : 'inbound',
    author: {
      id: post.author.did,
      handle: post.author.handle,
      name: post.author.displayName?.trim() || null,
      followers: options.followers ?? null,
    },
    text: text || (embed ? `[${embed}]` : ''),
    created_at: postTimestamp(post),
    in_reply_to: refs?.parent.uri ?? null,
    thread_id: threadKeyOf(post, options.brandDid),
    url: postUrl(post.uri),
    meta,
  };
}

/**
 * Items indexed after a watermark (ISO time) minus an overlap, oldest first; all of them without a
 * watermark. The overlap catches items the AppView indexed slightly out of order; re-reading one is
 * harmless (ingest dedupes on the post URI).
 */
export function sinceWatermark<T extends { indexedAt: string }>(
  items: T[],
  watermark: string | null,
  overlapMs = 60_000,
): T[] {
  const since = watermark ? Date.parse(watermark) - overlapMs : Number.NEGATIVE_INFINITY;
  return items
    .filter((i) => Date.parse(i.indexedAt) > since)
    .sort((a, b) => Date.parse(a.indexedAt) - Date.parse(b.indexedAt));
}

/** The newest indexedAt of some items, or the current watermark when none is newer. */
export function nextWatermark(items: { indexedAt: string }[], watermark: string | null): string | null {
  let best = watermark;
  for (const i of items) if (!best || Date.parse(i.indexedAt) > Date.parse(best)) best = i.indexedAt;
  return best;
}
