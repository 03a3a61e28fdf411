/**
 * Negative-spike detection: per channel, the count of negative messages in a rolling window compared
 * with that channel's own recent baseline. A spike (an outage, a PR crisis) raises one alert; the
 * ingest pipeline turns it into an 'alert.negative_spike' event. Pure and clock-free: callers pass
 * message times, so it is testable on synthetic streams and replayable on history.
 */

/** Tuning of the detector; the defaults suit a brand receiving tens to thousands of messages a day. */
export interface SpikeOptions {
  /** Rolling window the current count is taken over. */
  windowMs?: number;
  /** How many past windows form the baseline. */
  baselineWindows?: number;
  /** Windows of history needed before any alert (warm-up). */
  warmupWindows?: number;
  /** Never alert below this many negatives in the window. */
  minCount?: number;
  /** Alert when the count reaches factor × baseline (baseline floored at 1 per window). */
  factor?: number;
  /** After an alert, stay quiet this long and until the count falls back below the threshold. */
  cooldownMs?: number;
}

/** What a spike looks like to the rest of Rapport. */
export interface SpikeAlert {
  kind: 'negative_spike';
  channel: string;
  at: number;
  /** Negatives in the current window. */
  count: number;
  windowMs: number;
  /** Average negatives per window over the baseline. */
  baseline: number;
}

interface ChannelState {
  firstAt: number;
  recent: number[];
  /** Negatives per completed window, keyed by window index. */
  buckets: Map<number, number>;
  lastAlertAt: number;
  armed: boolean;
}

/**
 * One channel's figures as plain JSON, so they can be stored and carried on by another process
 * (the listener that feeds the detector may run its next batch anywhere in a cluster).
 */
export interface SpikeChannelSnapshot {
  firstAt: number;
  recent: number[];
  buckets: [number, number][];
  /** null: never alerted. */
  lastAlertAt: number | null;
  armed: boolean;
}

/** Tracks every channel's negative rate and reports spikes. */
export class NegativeSpikeDetector {
  private readonly windowMs: number;
  private readonly baselineWindows: number;
  private readonly warmupWindows: number;
  private readonly minCount: number;
  private readonly factor: number;
  private readonly cooldownMs: number;
  private readonly channels = new Map<string, ChannelState>();

  constructor(options: SpikeOptions = {}) {
    this.windowMs = options.windowMs ?? 15 * 60_000;
    this.baselineWindows = options.baselineWindows ?? 96;
    this.warmupWindows = options.warmupWindows ?? 4;
    this.minCount = options.minCount ?? 5;
    this.factor = options.factor ?? 3;
    this.cooldownMs = options.cooldownMs ?? 60 * 60_000;
  }

  /** A channel's figures as JSON (null when it has seen nothing). */
  snapshot(channel: string): SpikeChannelSnapshot | null {
    const s = this.channels.get(channel);
    if (!s) return null;
    return {
      firstAt: s.firstAt,
      recent: [...s.recent],
      buckets: [...s.buckets],
      lastAlertAt: Number.isFinite(s.lastAlertAt) ? s.lastAlertAt : null,
      armed: s.armed,
    };
  }

  /** Replaces a channel's figures with stored ones (or forgets the channel: null). */
  restore(channel: string, snapshot: SpikeChannelSnapshot | null): void {
    if (!snapshot) {
      this.channels.delete(channel);
      return;
    }
    this.channels.set(channel, {
      firstAt: snapshot.firstAt,
      recent: [...snapshot.recent],
      buckets: new Map(snapshot.buckets),
      lastAlertAt: snapshot.lastAlertAt ?? Number.NEGATIVE_INFINITY,
      armed: snapshot.armed,
    });
  }

  /** Records one message (times must not go backwards per channel); returns an alert when a spike starts. */
  observe(channel: string, at: number, negative: boolean): SpikeAlert | null {
    let s = this.channels.get(channel);
    if (!s) {
      s = { firstAt: at, recent: [], buckets: new Map(), lastAlertAt: Number.NEGATIVE_INFINITY, armed: true };
      this.channels.set(channel, s);
    }
    const bucket = Math.floor(at / this.windowMs);
    if (negative) {
      s.recent.push(at);
      s.buckets.set(bucket, (s.buckets.get(bucket) ?? 0) + 1);
    }
    while (s.recent.length && s.recent[0]! <= at - this.windowMs) s.recent.shift();
    const oldest = bucket - this.baselineWindows;
    for (const key of s.buckets.keys()) if (key < oldest) s.buckets.delete(key);

    const count = s.recent.length;
    const baseline = this.baselineOf(s, bucket, at);
    if (baseline === null) return null;
    const threshold = Math.max(this.minCount, this.factor * Math.max(1, baseline));
    if (count < threshold) {
      if (at - s.lastAlertAt >= this.cooldownMs) s.armed = true;
      return null;
    }
    if (!s.armed || at - s.lastAlertAt < this.cooldownMs || !negative) return null;
    s.armed = false;
    s.lastAlertAt = at;
    return {
      kind: 'negative_spike',
      channel,
      at,
      count,
      windowMs: this.windowMs,
      baseline: round2(baseline),
    };
  }

  /** Average negatives per window over completed windows before the current one (null while warming up). */
  private baselineOf(s: ChannelState, bucket: number, at: number): number | null {
    // Windows fully observed before the one that holds the rolling window's start.
    const currentStart = Math.floor((at - this.windowMs) / this.windowMs);
    const firstBucket = Math.floor(s.firstAt / this.windowMs);
    const from = Math.max(firstBucket, bucket - this.baselineWindows);
    const windows = currentStart - from;
    if (windows < this.warmupWindows) return null;
    let total = 0;
    for (const [key, n] of s.buckets) if (key >= from && key < currentStart) total += n;
    return total / windows;
  }
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
