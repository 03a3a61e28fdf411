/**
 * Which posts of the firehose concern the brand: pure functions, no I/O. The stream carries every
 * post of the network (or of one PDS); only those that address the brand, the brand's own replies in
 * other people's threads, and those matching a listening keyword are kept.
 */
import { didOfUri, type FoundBy, mentionsAccount, quotedUriOf, replyRefsOf } from './mapping.js';

/** Why a streamed post is taken in, in the terms of the polling paths (notification reasons, listening). */
export interface StreamMatch {
  foundBy: FoundBy;
  /** mention, reply or quote, when the post addresses the brand (found_by notification). */
  reason?: 'mention' | 'reply' | 'quote';
  /** The listening keyword it matched (found_by listening). */
  keyword?: string;
}

/** A listening keyword, compiled for matching whole words and phrases in post text. */
export interface KeywordMatcher {
  keyword: string;
  test(text: string): boolean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Compiles listening keywords: case-insensitive, whole words only ("acme" matches "Acme's" and
 * "#acme" but not "acmeology"), any run of spaces in a phrase matching any run of white space.
 */
export function keywordMatchers(keywords: string[]): KeywordMatcher[] {
  return keywords
    .map((k) => k.trim())
    .filter((k) => k.length > 0)
    .map((keyword) => {
      const body = keyword.split(/\s+/).map(escapeRegExp).join('\\s+');
      const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`, 'iu');
      return { keyword, test: (text: string) => pattern.test(text) };
    });
}

/** Whether a record is a post (the only collection the stream looks at). */
export function isPostRecord(record: { [key: string]: unknown }): boolean {
  return record.$type === 'app.bsky.feed.post' && typeof record.text === 'string';
}

/** The text listening searches in: the post text, its tags and its images' alt texts. */
export function searchableText(record: { [key: string]: unknown }): string {
  const parts = [typeof record.text === 'string' ? record.text : ''];
  if (Array.isArray(record.tags)) {
    for (const tag of record.tags) if (typeof tag === 'string') parts.push(`#${tag}`);
  }
  const embed = record.embed as { images?: unknown; media?: { images?: unknown } } | undefined;
  const images = Array.isArray(embed?.images) ? embed.images : embed?.media?.images;
  if (Array.isArray(images)) {
    for (const image of images as { alt?: unknown }[]) {
      if (typeof image?.alt === 'string' && image.alt) parts.push(image.alt);
    }
  }
  return parts.join('\n');
}

/**
 * Whether and why a new post from the stream is taken in:
 * - the brand's own replies in other people's threads (found_by brand; its posts in its own threads
 *   are announcements, not conversations);
 * - posts that reply to the brand (parent or thread root), quote it, or mention it with a facet
 *   (found_by notification, with the reason Bluesky's notification would carry);
 * - other posts that contain a listening keyword (found_by listening).
 * Null for everything else.
 */
export function matchStreamPost(
  post: { did: string; record: { [key: string]: unknown } },
  brandDid: string,
  keywords: KeywordMatcher[],
): StreamMatch | null {
  if (!isPostRecord(post.record)) return null;
  const refs = replyRefsOf(post.record);
  if (post.did === brandDid) {
    const elsewhere =
      !!refs && (didOfUri(refs.parent.uri) !== brandDid || didOfUri(refs.root.uri) !== brandDid);
    return elsewhere ? { foundBy: 'brand' } : null;
  }
  if (refs && (didOfUri(refs.parent.uri) === brandDid || didOfUri(refs.root.uri) === brandDid)) {
    return { foundBy: 'notification', reason: 'reply' };
  }
  const quoted = quotedUriOf(post.record);
  if (quoted && didOfUri(quoted) === brandDid) return { foundBy: 'notification', reason: 'quote' };
  if (mentionsAccount(post.record, brandDid)) return { foundBy: 'notification', reason: 'mention' };
  if (keywords.length === 0) return null;
  const text = searchableText(post.record);
  const hit = keywords.find((k) => k.test(text));
  return hit ? { foundBy: 'listening', keyword: hit.keyword } : null;
}
