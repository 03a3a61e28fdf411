import { parseCommitUnauthenticated } from '@atproto/sync';
import type { ChannelContext } from '../types.js';
import { CredentialsRefusedError, describeFailure } from './errors.js';
import { type KeywordMatcher, keywordMatchers, matchStreamPost } from './firehose-filter.js';
import { FirehoseError, type RepoStreamMessage, readFirehose } from './firehose-socket.js';
import type { AccountHealth } from './health.js';
import { type FoundItem, ingestFound } from './ingest.js';
import type { BlueskySession } from './session.js';
import { type BlueskyAccountConfig, firehoseUrlOf } from './settings.js';
import { profilesOf } from './sources.js';

/** Knobs of the stream runner that are not account settings (tests shorten them). */
export interface FirehoseOptions {
  /** How long the stream may stay unreachable before the account is reported broken (default 2 min). */
  unreachableMs?: number;
  /** How often found posts are ingested and the cursor saved (default 250 ms). */
  flushMs?: number;
}

type Commit = Parameters<typeof parseCommitUnauthenticated>[0];

const POST = 'app.bsky.feed.post';
const BATCH = 25;
const SAVE_EVERY_MS = 2_000;
const MAX_BACKOFF_MS = 60_000;
const PART = 'firehose';

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** The wait before reconnect attempt n (1, 2, 4… s with ±20% jitter, at most a minute). */
export function backoffMs(attempt: number): number {
  const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * Stream mode of a Bluesky account: reads com.atproto.sync.subscribeRepos (the relay's or PDS's
 * firehose), decodes each commit's new posts, and keeps those that mention, reply to or quote the
 * brand, the brand's own replies elsewhere, and listening-keyword matches. They are ingested in small
 * batches through the same mapping as polled posts, with their authors' profiles from the AppView.
 * The cursor (the last seq handled) is stored after the posts before it are ingested, so a restart
 * resumes where it stopped; connections are retried with backoff, and a stream unreachable for a
 * while marks the account broken until it is back. Commits are not signature-checked: the relay is
 * trusted as the AppView is.
 */
export class BlueskyFirehose {
  private readonly url: string;
  private readonly key: string;
  private readonly keywords: KeywordMatcher[];
  private pending: FoundItem[] = [];
  private processed: number | null = null;
  private saved: number | null = null;
  private lastSave = 0;
  private chain: Promise<void> = Promise.resolve();
  private flushing = false;
  private flushFailures = 0;
  private retryAt = 0;
  private fatal: CredentialsRefusedError | null = null;
  private troubleSince: number | null = null;
  private trouble = '';

  constructor(
    config: BlueskyAccountConfig,
    private readonly session: BlueskySession,
    private readonly ctx: ChannelContext,
    private readonly health: AccountHealth,
    private readonly options: FirehoseOptions = {},
  ) {
    this.url = firehoseUrlOf(config);
    this.key = `firehose:${this.url}`;
    this.keywords = keywordMatchers(config.keywords);
  }

  /** Runs until aborted, or until Bluesky refuses the account's credentials. */
  async run(signal: AbortSignal): Promise<void> {
    const timer = setInterval(() => this.tick(signal), this.options.flushMs ?? 250);
    let attempt = 0;
    let loaded = false;
    try {
      while (!signal.aborted) {
        let delivered = false;
        try {
          if (!loaded) {
            const stored = Number.parseInt((await this.ctx.state.get(this.key)) ?? '', 10);
            this.saved = this.processed = Number.isFinite(stored) ? stored : null;
            loaded = true;
            this.ctx.logger.info({ url: this.url, cursor: this.processed }, 'Bluesky firehose starting');
          }
          const messages = readFirehose(this.url, this.processed, {
            signal,
            onOpen: () => void this.reachable(),
          });
          for await (const message of messages) {
            delivered = true;
            await this.handle(message, signal);
          }
        } catch (error) {
          if (signal.aborted) break;
          if (error instanceof CredentialsRefusedError) {
            await this.health.problem(PART, error.message);
            this.ctx.logger.error({ reason: error.message }, 'Bluesky credentials refused; firehose stopped');
            return;
          }
          await this.chain;
          this.pending = []; // not stored: read them again from the stored cursor
          this.processed = this.saved;
          if (error instanceof FirehoseError && error.xrpcError === 'FutureCursor') {
            this.ctx.logger.warn(
              { cursor: this.saved },
              'firehose cursor is ahead of the stream; reading live',
            );
            this.processed = this.saved = null;
            continue;
          }
          this.unreachable(error);
          attempt = delivered ? 1 : attempt + 1;
          await sleep(backoffMs(attempt), signal);
        }
      }
    } finally {
      clearInterval(timer);
      await this.chain;
      if (loaded && this.pending.length === 0) await this.save(true).catch(() => {});
    }
  }

  /** Takes one stream message: new posts that concern the brand go to the pending batch. */
  private async handle(message: RepoStreamMessage, signal: AbortSignal): Promise<void> {
    if (this.fatal) throw this.fatal;
    this.reachable();
    const seq = typeof message.body.seq === 'number' ? message.body.seq : null;
    if (message.type === '#info') {
      this.ctx.logger.warn({ info: message.body }, 'firehose info');
      return;
    }
    const found = message.type === '#commit' ? await this.postsOf(message.body) : [];
    // pending and processed change together, so a flush never stores a seq ahead of its posts
    this.pending.push(...found);
    if (seq !== null) this.processed = seq;
    if (this.pending.length >= BATCH) await this.flush(signal);
  }

  /** The new posts of one commit that concern the brand. */
  private async postsOf(body: { [key: string]: unknown }): Promise<FoundItem[]> {
    const ops = Array.isArray(body.ops) ? (body.ops as { action?: unknown; path?: unknown }[]) : [];
    const creates = ops.some(
      (op) => op?.action === 'create' && typeof op.path === 'string' && op.path.startsWith(`${POST}/`),
    );
    if (!creates || typeof body.repo !== 'string' || !(body.blocks instanceof Uint8Array)) return [];
    let events: Awaited<ReturnType<typeof parseCommitUnauthenticated>>;
    try {
      events = await parseCommitUnauthenticated(body as Commit, (col) => col === POST);
    } catch (error) {
      this.ctx.logger.warn({ repo: body.repo, error: describeFailure(error) }, 'undecodable firehose commit');
      return [];
    }
    const brandDid = this.session.did;
    const found: FoundItem[] = [];
    for (const evt of events) {
      if (evt.event !== 'create') continue;
      const record = evt.record as { [key: string]: unknown };
      const match = matchStreamPost({ did: evt.did, record }, brandDid, this.keywords);
      if (!match) continue;
      found.push({
        ...match,
        via: 'firehose',
        post: {
          uri: evt.uri.toString(),
          cid: evt.cid.toString(),
          author: { did: evt.did, handle: evt.did },
          record,
          indexedAt: typeof evt.time === 'string' && evt.time ? evt.time : new Date().toISOString(),
        },
      });
    }
    return found;
  }

  /** Every flushMs: reports a stream unreachable for too long, and ingests what is pending. */
  private tick(signal: AbortSignal): void {
    if (signal.aborted) return;
    const now = this.ctx.clock.now();
    const since = this.troubleSince;
    if (since !== null && now - since >= (this.options.unreachableMs ?? 120_000) && !this.health.has(PART)) {
      const message = `cannot reach the Bluesky firehose at ${this.url} since ${new Date(since).toISOString()}: ${this.trouble} (retrying; notifications are still polled)`;
      void this.health.problem(PART, message);
    }
    if (this.flushing || this.fatal || now < this.retryAt) return;
    this.flushing = true;
    this.flush(signal)
      .then(
        () => {
          this.flushFailures = 0;
        },
        (error) => {
          if (error instanceof CredentialsRefusedError) this.fatal = error;
          if (signal.aborted || this.fatal) return;
          // the AppView (profiles) failed: keep the posts and retry with backoff (the poller reports
          // a lasting AppView outage)
          this.flushFailures += 1;
          this.retryAt = this.ctx.clock.now() + backoffMs(this.flushFailures);
          this.ctx.logger.warn(
            { reason: describeFailure(error), pending: this.pending.length },
            'cannot ingest firehose posts yet; retrying',
          );
        },
      )
      .finally(() => {
        this.flushing = false;
      });
  }

  /** Ingests the pending posts, then stores the cursor they came before (one flush at a time). */
  private flush(signal: AbortSignal): Promise<void> {
    const run = this.chain.then(() => this.flushNow(signal));
    this.chain = run.catch(() => {});
    return run;
  }

  private async flushNow(signal: AbortSignal): Promise<void> {
    const batch = this.pending.splice(0);
    const upTo = this.processed;
    if (batch.length > 0) {
      try {
        await this.ingest(batch, signal);
      } catch (error) {
        this.pending.unshift(...batch);
        throw error;
      }
    }
    await this.save(batch.length > 0, upTo);
  }

  private async save(now: boolean, seq = this.processed): Promise<void> {
    if (seq === null || (this.saved !== null && seq <= this.saved)) return;
    if (!now && this.saved !== null && this.ctx.clock.now() - this.lastSave < SAVE_EVERY_MS) return;
    await this.ctx.state.set(this.key, String(seq));
    this.saved = seq;
    this.lastSave = this.ctx.clock.now();
  }

  /** Adds the authors' handles, names and follower counts (AppView), then ingests. */
  private async ingest(batch: FoundItem[], signal: AbortSignal): Promise<void> {
    const agent = await this.session.ready();
    const profiles = await profilesOf(
      agent,
      batch.map((f) => f.post.author.did),
      signal,
    );
    const followers = new Map<string, number>();
    for (const f of batch) {
      const profile = profiles.get(f.post.author.did);
      if (!profile) continue; // not in the AppView yet: the DID stands in for the handle
      f.post.author = { did: f.post.author.did, handle: profile.handle, displayName: profile.displayName };
      if (typeof profile.followersCount === 'number')
        followers.set(f.post.author.did, profile.followersCount);
    }
    await ingestFound(this.ctx, agent, this.session.did, batch, { signal, followers });
  }

  private reachable(): void {
    if (this.troubleSince === null && !this.health.has(PART)) return;
    if (this.troubleSince !== null)
      this.ctx.logger.info({ url: this.url }, 'Bluesky firehose connected again');
    this.troubleSince = null;
    void this.health.ok(PART);
  }

  private unreachable(error: unknown): void {
    this.trouble = describeFailure(error);
    this.troubleSince ??= this.ctx.clock.now();
    this.ctx.logger.warn({ url: this.url, reason: this.trouble }, 'Bluesky firehose unreachable; retrying');
  }
}
