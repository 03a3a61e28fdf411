import type { Agent } from '@atproto/api';
import {
  didOfUri,
  type FoundPost,
  mentionsAccount,
  quotedUriOf,
  replyRefsOf,
  sinceWatermark,
} from './mapping.js';

/** A post the brand was notified about, with the reason (mention, reply or quote). */
export interface NotifiedPost {
  post: FoundPost;
  reason: string;
}

/** The notification reasons that are conversations (likes, reposts and follows are not). */
export const CONVERSATION_REASONS = ['mention', 'reply', 'quote'];
const PAGE = 50;

function isPostRecord(record: { [key: string]: unknown }): boolean {
  return typeof record.text === 'string' && (record.$type ?? 'app.bsky.feed.post') === 'app.bsky.feed.post';
}

/**
 * Mentions, replies and quotes of the brand since the watermark (oldest first), reading pages of
 * listNotifications back until the watermark is passed (at most `maxPages`). Does not mark them seen:
 * people using the Bluesky app keep their own unread state.
 */
export async function readNotifications(
  agent: Agent,
  watermark: string,
  options: { maxPages: number; signal?: AbortSignal },
): Promise<NotifiedPost[]> {
  const found: NotifiedPost[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < options.maxPages; page += 1) {
    const res = await agent.listNotifications(
      { limit: PAGE, cursor, reasons: CONVERSATION_REASONS },
      { signal: options.signal },
    );
    const items = res.data.notifications;
    for (const n of items) {
      if (CONVERSATION_REASONS.includes(n.reason) && isPostRecord(n.record)) {
        found.push({ reason: n.reason, post: n });
      }
    }
    cursor = res.data.cursor;
    const oldest = items.at(-1)?.indexedAt;
    if (
      !cursor ||
      items.length === 0 ||
      !oldest ||
      sinceWatermark([{ indexedAt: oldest }], watermark).length === 0
    )
      break;
  }
  const wanted = new Set(
    sinceWatermark(
      found.map((f) => f.post),
      watermark,
    ),
  );
  return found
    .filter((f) => wanted.has(f.post))
    .sort((a, b) => Date.parse(a.post.indexedAt) - Date.parse(b.post.indexedAt));
}

/**
 * The brand's own replies in other people's threads since the watermark (made in the Bluesky app or
 * by Rapport; Rapport's are duplicates of what it already stored). Its posts in its own threads
 * (announcements, self-threads) are not conversations and are left out.
 */
export async function readOwnReplies(
  agent: Agent,
  brandDid: string,
  watermark: string,
  signal?: AbortSignal,
): Promise<FoundPost[]> {
  const res = await agent.getAuthorFeed(
    { actor: brandDid, filter: 'posts_with_replies', limit: PAGE },
    { signal },
  );
  const replies = res.data.feed
    .filter((item) => !item.reason && item.post.author.did === brandDid && isPostRecord(item.post.record))
    .map((item) => item.post)
    .filter((post) => {
      const refs = replyRefsOf(post.record);
      return !!refs && (didOfUri(refs.parent.uri) !== brandDid || didOfUri(refs.root.uri) !== brandDid);
    });
  return sinceWatermark(replies, watermark);
}

/**
 * Why a search hit is left to other paths: the brand's own post, or one the brand is notified about
 * anyway (it mentions, replies to or quotes the brand). Null when listening should take it.
 */
export function listeningSkipReason(post: FoundPost, brand: { did: string; handle: string }): string | null {
  if (post.author.did === brand.did) return 'own post';
  if (mentionsAccount(post.record, brand.did)) return 'mentions the brand';
  const refs = replyRefsOf(post.record);
  if (refs && (didOfUri(refs.parent.uri) === brand.did || didOfUri(refs.root.uri) === brand.did))
    return 'replies to the brand';
  const quoted = quotedUriOf(post.record);
  if (quoted && didOfUri(quoted) === brand.did) return 'quotes the brand';
  return null;
}

/** Posts matching one listening keyword since the watermark, minus those other paths bring in. */
export async function searchKeyword(
  agent: Agent,
  keyword: string,
  brand: { did: string; handle: string },
  watermark: string,
  signal?: AbortSignal,
): Promise<FoundPost[]> {
  const res = await agent.app.bsky.feed.searchPosts({ q: keyword, sort: 'latest', limit: PAGE }, { signal });
  const posts = res.data.posts.filter((p) => isPostRecord(p.record) && !listeningSkipReason(p, brand));
  return sinceWatermark(posts, watermark);
}

/** The parts of a profile the inbound paths read. */
export interface ProfileBrief {
  handle: string;
  displayName?: string;
  followersCount?: number;
}

/** Profiles by DID (getProfiles through the AppView, 25 at a time); missing profiles are left out. */
export async function profilesOf(
  agent: Agent,
  dids: string[],
  signal?: AbortSignal,
): Promise<Map<string, ProfileBrief>> {
  const profiles = new Map<string, ProfileBrief>();
  const unique = [...new Set(dids)];
  for (let i = 0; i < unique.length; i += 25) {
    const res = await agent.getProfiles({ actors: unique.slice(i, i + 25) }, { signal });
    for (const p of res.data.profiles) profiles.set(p.did, p);
  }
  return profiles;
}

/** Follower counts by DID (getProfiles, 25 at a time); missing profiles are left out. */
export async function followerCounts(
  agent: Agent,
  dids: string[],
  signal?: AbortSignal,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const [did, p] of await profilesOf(agent, dids, signal)) {
    if (typeof p.followersCount === 'number') counts.set(did, p.followersCount);
  }
  return counts;
}

/** What a reply answers, for the agent's context: the parent's author and text, by parent URI. */
export async function parentContexts(
  agent: Agent,
  uris: string[],
  signal?: AbortSignal,
): Promise<Map<string, { author: string; text: string }>> {
  const contexts = new Map<string, { author: string; text: string }>();
  const unique = [...new Set(uris)];
  for (let i = 0; i < unique.length; i += 25) {
    const res = await agent.getPosts({ uris: unique.slice(i, i + 25) }, { signal });
    for (const p of res.data.posts) {
      const text = typeof p.record.text === 'string' ? p.record.text : '';
      contexts.set(p.uri, { author: p.author.handle, text: text.slice(0, 500) });
    }
  }
  return contexts;
}
