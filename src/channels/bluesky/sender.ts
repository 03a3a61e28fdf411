import type { AtpAgent } from '@atproto/api';
import { RichText } from '@atproto/api';
import { SendError } from '../../platform/errors.js';
import type { ChannelAccount, ChannelContext, ChannelSender, OutboundMessage } from '../types.js';
import { assertPostFits, composePost } from './compose.js';
import { CredentialsRefusedError, toSendError } from './errors.js';
import { fixHintFor } from './inbound.js';
import { type PostRef, replyRefsOf } from './mapping.js';
import { BlueskySession } from './session.js';
import { blueskyConfigOf } from './settings.js';

/** A post to like or repost: its URI, and its cid when known (looked up otherwise). */
export interface PostTarget {
  uri: string;
  cid?: string | null;
}

/** The Bluesky sender: replies in-thread, and likes and reposts for the inbox's quick actions. */
export interface BlueskySender extends ChannelSender {
  /** Likes a post as the brand; returns the like record's URI (to undo it later). */
  like(target: PostTarget): Promise<{ uri: string }>;
  /** Reposts a post as the brand; returns the repost record's URI. */
  repost(target: PostTarget): Promise<{ uri: string }>;
}

const S32 = '234567abcdefghijklmnopqrstuvwxyz';

/**
 * A record key (TID) derived from the reply itself, so a retried send after a lost response finds the
 * post it already made instead of posting twice.
 */
export function replyRecordKey(message: Pick<OutboundMessage, 'messageId' | 'createdAt'>): string {
  const micros = BigInt(Math.max(0, message.createdAt)) * 1000n + BigInt(message.messageId % 1000);
  let value = (micros << 10n) | BigInt(message.messageId % 1024);
  let key = '';
  for (let i = 0; i < 13; i += 1) {
    key = S32[Number(value & 31n)] + key;
    value >>= 5n;
  }
  return key;
}

/** Builds the sender of one account (a sender that refuses clearly when there is no account). */
export function createBlueskySender(account: ChannelAccount | null, ctx: ChannelContext): BlueskySender {
  if (!account) {
    const refuse = async (): Promise<never> => {
      throw new SendError(
        'this conversation is not linked to a Bluesky account; connect one with rapport channel add bluesky',
        false,
      );
    };
    return { send: refuse, like: refuse, repost: refuse, engage: refuse };
  }
  const config = blueskyConfigOf(account);
  const session = new BlueskySession(config, ctx.logger, fixHintFor(account));

  async function agent(): Promise<AtpAgent> {
    try {
      return await session.ready();
    } catch (error) {
      if (error instanceof CredentialsRefusedError) {
        await ctx.reportStatus('broken', error.message).catch(() => {});
      }
      throw toSendError(error);
    }
  }

  /** The post as the AppView has it now: its strong ref and thread root (a clear error if it is gone). */
  async function lookUp(uri: string) {
    const res = await (await agent()).getPosts({ uris: [uri] });
    const post = res.data.posts[0];
    if (!post) throw new SendError(`the post ${uri} was deleted or is not visible`, false);
    const self: PostRef = { uri: post.uri, cid: post.cid };
    return {
      self,
      root: replyRefsOf(post.record)?.root ?? self,
      replyDisabled: !!post.viewer?.replyDisabled,
    };
  }

  /** A like or repost target's strong ref: the stored cid, or looked up. */
  async function refOf(target: PostTarget): Promise<PostRef> {
    return target.cid ? { uri: target.uri, cid: target.cid } : (await lookUp(target.uri)).self;
  }

  return {
    async send(message) {
      assertPostFits(new RichText({ text: message.text.trim() })); // before any network call
      const parentUri = message.parent?.externalId ?? message.inReplyTo;
      if (!parentUri?.startsWith('at://')) {
        throw new SendError('a Bluesky reply needs the post it answers, and this message has none', false);
      }
      try {
        // looked up rather than taken from stored meta: a deleted post or closed replies are final errors
        const { self: parent, root, replyDisabled } = await lookUp(parentUri);
        if (replyDisabled) {
          throw new SendError(
            'the author of this thread only lets some people reply; the reply would be hidden',
            false,
          );
        }
        const a = await agent();
        const { text, facets } = await composePost(message.text, a);
        const rkey = replyRecordKey(message);
        const record = {
          $type: 'app.bsky.feed.post',
          text,
          ...(facets?.length ? { facets } : {}),
          reply: { root, parent },
          createdAt: new Date(ctx.clock.now()).toISOString(),
        };
        let created: PostRef;
        try {
          const res = await a.com.atproto.repo.createRecord({
            repo: session.did,
            collection: 'app.bsky.feed.post',
            rkey,
            record,
          });
          created = { uri: res.data.uri, cid: res.data.cid };
        } catch (error) {
          // a retry of a send whose response was lost: the post is already there
          const existing = await a.com.atproto.repo
            .getRecord({ repo: session.did, collection: 'app.bsky.feed.post', rkey })
            .catch(() => null);
          if (!existing?.data.cid) throw error;
          created = { uri: existing.data.uri, cid: existing.data.cid };
        }
        ctx.logger.info({ uri: created.uri, messageId: message.messageId }, 'Bluesky reply posted');
        return {
          externalId: created.uri,
          meta: { cid: created.cid, root, parent, found_by: 'brand' },
        };
      } catch (error) {
        throw toSendError(error);
      }
    },
    async like(target) {
      try {
        const self = await refOf(target);
        return { uri: (await (await agent()).like(self.uri, self.cid)).uri };
      } catch (error) {
        throw toSendError(error, 'Bluesky refused the like');
      }
    },
    async repost(target) {
      try {
        const self = await refOf(target);
        return { uri: (await (await agent()).repost(self.uri, self.cid)).uri };
      } catch (error) {
        throw toSendError(error, 'Bluesky refused the repost');
      }
    },
    async engage(action, target) {
      const ref = {
        uri: target.externalId,
        cid: typeof target.meta?.cid === 'string' ? target.meta.cid : null,
      };
      const done = action === 'like' ? await this.like(ref) : await this.repost(ref);
      return { externalId: done.uri };
    },
    close: () => session.close(),
  };
}
