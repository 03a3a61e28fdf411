import type { Agent } from '@atproto/api';
import type { IncomingMessageInput } from '../../domain/message-format.js';
import type { ChannelContext, ChannelIngestReport } from '../types.js';
import { type FoundBy, type FoundPost, postToMessage, replyRefsOf } from './mapping.js';
import { followerCounts, parentContexts } from './sources.js';

/** A post one of the inbound paths (notifications, own feed, listening, firehose) decided to take in. */
export interface FoundItem {
  post: FoundPost;
  foundBy: FoundBy;
  /** Notification reason (mention, reply, quote). */
  reason?: string;
  /** Listening keyword that matched. */
  keyword?: string;
  /** Set for posts that came from the live stream. */
  via?: 'firehose';
}

/**
 * The one way Bluesky posts enter Rapport, whichever path found them: fetches the inbound authors'
 * follower counts (unless given) and the text of the posts they answer, maps each post with
 * postToMessage, and ingests them through the context (which dedupes on the post URI).
 */
export async function ingestFound(
  ctx: Pick<ChannelContext, 'ingest' | 'logger'>,
  agent: Agent,
  brandDid: string,
  found: FoundItem[],
  options: { signal?: AbortSignal; followers?: Map<string, number> } = {},
): Promise<ChannelIngestReport | null> {
  if (found.length === 0) return null;
  const { signal } = options;
  const inbound = found.filter((f) => f.post.author.did !== brandDid);
  const followers =
    options.followers ??
    (await followerCounts(
      agent,
      inbound.map((f) => f.post.author.did),
      signal,
    ));
  const parentUris = inbound.flatMap((f) => replyRefsOf(f.post.record)?.parent.uri ?? []);
  const parents = parentUris.length ? await parentContexts(agent, parentUris, signal) : new Map();
  const messages: IncomingMessageInput[] = found.map((f) => {
    const message = postToMessage(f.post, {
      brandDid,
      foundBy: f.foundBy,
      reason: f.reason,
      keyword: f.keyword,
      via: f.via,
      followers: followers.get(f.post.author.did) ?? null,
    });
    const parent = message.in_reply_to ? parents.get(message.in_reply_to) : undefined;
    if (parent && message.meta) {
      message.meta.parent_author = parent.author;
      message.meta.parent_text = parent.text;
    }
    return message;
  });
  const report = await ctx.ingest(messages);
  if (report.inserted > 0) {
    ctx.logger.info(
      {
        inserted: report.inserted,
        duplicates: report.duplicates,
        via: found[0]?.via ?? found[0]?.foundBy,
      },
      'Bluesky posts ingested',
    );
  }
  return report;
}
