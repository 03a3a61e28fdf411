import type { Agent } from '@atproto/api';
import type { ChannelAccount, ChannelContext, InboundRunner } from '../types.js';
import { CredentialsRefusedError, describeFailure, rateLimitResetOf } from './errors.js';
import { BlueskyFirehose, type FirehoseOptions } from './firehose.js';
import { AccountHealth } from './health.js';
import { type FoundItem, ingestFound } from './ingest.js';
import { nextWatermark } from './mapping.js';
import { BlueskySession } from './session.js';
import { type BlueskyAccountConfig, blueskyConfigOf } from './settings.js';
import { readNotifications, readOwnReplies, searchKeyword } from './sources.js';

/** Knobs of the inbound runner that are not account settings (tests shorten them). */
export interface BlueskyInboundOptions extends FirehoseOptions {
  /** How often the tokens are refreshed, which is when a revoked app password shows (default 10 min). */
  sessionCheckMs?: number;
  /** How far back the first run reads notifications, own replies and searches (default 24 h). */
  backfillMs?: number;
  /** In stream mode, the slowest the safety-net polls and searches run (default 5 min). */
  streamPollMs?: number;
}

const FAILURES_BEFORE_BROKEN = 3;
const SEEN_LIMIT = 5000;

/** How to fix refused credentials, in the words of the CLI. */
export function fixHintFor(account: Pick<ChannelAccount, 'id'>): string {
  return `run: rapport channel update ${account.id} --app-password NEW-APP-PASSWORD`;
}

/**
 * Starts polling one brand account: notifications (mentions, replies, quotes) every
 * pollIntervalSeconds, the brand's own replies, listening searches every listenIntervalSeconds, and
 * the daily follower count. Cursors live in the account's state. Refused credentials mark the account
 * broken and stop the polling until the account is updated; network trouble is retried with backoff
 * and reported after a few failures in a row. In stream mode (`stream: firehose`) the firehose brings
 * posts in live and the polls run at most every 5 minutes, as a safety net.
 */
export async function startBlueskyInbound(
  account: ChannelAccount,
  ctx: ChannelContext,
  options: BlueskyInboundOptions = {},
): Promise<InboundRunner> {
  const config = blueskyConfigOf(account);
  const session = new BlueskySession(config, ctx.logger, fixHintFor(account));
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  const health = new AccountHealth(ctx);
  const poller = new BlueskyPoller(config, session, ctx, health, options);
  // either part returns only when stopped or when the credentials are refused: then both stop
  const parts = [poller.run(controller.signal)];
  if (config.stream === 'firehose') {
    parts.push(new BlueskyFirehose(config, session, ctx, health, options).run(controller.signal));
  }
  const done = Promise.all(
    parts.map((part) =>
      part
        .catch((error) => ctx.logger.error({ error: describeFailure(error) }, 'Bluesky inbound stopped'))
        .finally(() => controller.abort()),
    ),
  );
  return {
    async stop() {
      controller.abort();
      ctx.signal.removeEventListener('abort', onAbort);
      await done;
      await session.close();
    },
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

class BlueskyPoller {
  private readonly seen = new Set<string>();
  private nextListen = 0;
  private nextCheck: number;
  private brand: { did: string; handle: string } | null = null;
  /** Poll and listening intervals: the settings, slowed down to a safety net in stream mode. */
  private readonly pollMs: number;
  private readonly listenMs: number;

  constructor(
    private readonly config: BlueskyAccountConfig,
    private readonly session: BlueskySession,
    private readonly ctx: ChannelContext,
    private readonly health: AccountHealth,
    private readonly options: BlueskyInboundOptions,
  ) {
    this.nextCheck = ctx.clock.now() + (options.sessionCheckMs ?? 600_000);
    const slowest = config.stream === 'firehose' ? (options.streamPollMs ?? 300_000) : 0;
    this.pollMs = Math.max(config.pollIntervalSeconds * 1000, slowest);
    this.listenMs = Math.max(config.listenIntervalSeconds * 1000, slowest);
  }

  async run(signal: AbortSignal): Promise<void> {
    const interval = this.pollMs;
    let failures = 0;
    while (!signal.aborted) {
      let delay = interval;
      try {
        await this.pollOnce(signal);
        // reported on change only: after starting, and after recovering from trouble
        await this.health.ok('poll');
        failures = 0;
      } catch (error) {
        if (signal.aborted) break;
        if (error instanceof CredentialsRefusedError) {
          // no retry loop against a refused password: wait for a person to update the account
          await this.health.problem('poll', error.message);
          this.ctx.logger.error({ reason: error.message }, 'Bluesky credentials refused; polling stopped');
          return;
        }
        failures += 1;
        const reason = `cannot read from Bluesky at ${this.config.service}: ${describeFailure(error)}`;
        this.ctx.logger.warn({ failures, reason }, 'Bluesky poll failed');
        if (failures >= FAILURES_BEFORE_BROKEN) await this.health.problem('poll', `${reason} (retrying)`);
        delay = Math.min(300_000, interval * 2 ** Math.min(failures, 8));
        const reset = rateLimitResetOf(error); // rate limited: wait until the limit lifts (at most an hour)
        if (reset) delay = Math.min(3_600_000, Math.max(delay, reset - this.ctx.clock.now()));
      }
      await sleep(delay, signal);
    }
  }

  private async pollOnce(signal: AbortSignal): Promise<void> {
    const agent = await this.session.ready();
    const now = this.ctx.clock.now();
    if (now >= this.nextCheck) {
      await this.session.check();
      this.nextCheck = now + (this.options.sessionCheckMs ?? 600_000);
    }
    this.brand ??= { did: this.session.did, handle: this.config.handle };
    await this.pollNotifications(agent, signal);
    await this.pollOwnReplies(agent, signal);
    if (this.config.keywords.length > 0 && now >= this.nextListen) {
      await this.listen(agent, signal);
      this.nextListen = now + this.listenMs;
    }
    await this.recordAudience(agent, signal);
  }

  private backfillStart(): string {
    return new Date(this.ctx.clock.now() - (this.options.backfillMs ?? 86_400_000)).toISOString();
  }

  private async pollNotifications(agent: Agent, signal: AbortSignal) {
    const stored = await this.ctx.state.get('notifications');
    const watermark = stored ?? this.backfillStart();
    const items = await readNotifications(agent, watermark, { maxPages: stored ? 10 : 4, signal });
    this.ctx.logger.debug({ watermark, found: items.length }, 'Bluesky notifications read');
    await this.ingest(
      agent,
      items.map((i) => ({ post: i.post, foundBy: 'notification' as const, reason: i.reason })),
      signal,
    );
    await this.advance(
      'notifications',
      stored,
      items.map((i) => i.post),
    );
  }

  private async pollOwnReplies(agent: Agent, signal: AbortSignal) {
    const stored = await this.ctx.state.get('own-replies');
    const posts = await readOwnReplies(agent, this.brand!.did, stored ?? this.backfillStart(), signal);
    await this.ingest(
      agent,
      posts.map((post) => ({ post, foundBy: 'brand' as const })),
      signal,
    );
    await this.advance('own-replies', stored, posts);
  }

  private async listen(agent: Agent, signal: AbortSignal) {
    for (const keyword of this.config.keywords) {
      const key = `listen:${keyword.toLowerCase()}`;
      const stored = await this.ctx.state.get(key);
      const posts = await searchKeyword(agent, keyword, this.brand!, stored ?? this.backfillStart(), signal);
      await this.ingest(
        agent,
        posts.map((post) => ({ post, foundBy: 'listening' as const, keyword })),
        signal,
      );
      await this.advance(key, stored, posts);
    }
  }

  private async advance(key: string, stored: string | null, items: { indexedAt: string }[]) {
    const next = nextWatermark(items, stored);
    if (next && next !== stored) await this.ctx.state.set(key, next);
  }

  /** Ingests new posts (ingestFound), skipping those this poller already took in. */
  private async ingest(agent: Agent, found: FoundItem[], signal: AbortSignal) {
    const fresh = found.filter((f) => !this.seen.has(f.post.uri));
    if (fresh.length === 0) return;
    await ingestFound(this.ctx, agent, this.brand!.did, fresh, { signal });
    for (const f of fresh) this.seen.add(f.post.uri);
    for (const uri of this.seen) {
      if (this.seen.size <= SEEN_LIMIT) break;
      this.seen.delete(uri);
    }
  }

  private async recordAudience(agent: Agent, signal: AbortSignal) {
    const day = new Date(this.ctx.clock.now()).toISOString().slice(0, 10);
    if ((await this.ctx.state.get('audience-day')) === day) return;
    const profile = await agent.getProfile({ actor: this.brand!.did }, { signal });
    await this.ctx.recordAudience({
      followers: profile.data.followersCount ?? 0,
      following: profile.data.followsCount ?? null,
      posts: profile.data.postsCount ?? null,
    });
    await this.ctx.state.set('audience-day', day);
  }
}
