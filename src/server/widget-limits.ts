/** Limits on what one visitor, and one IP address, may do through the chat widget. */
export const widgetLimits = {
  /** Messages and profile saves per visitor per minute. */
  perVisitorPerMinute: 20,
  /** Messages and profile saves per IP address per minute (shared offices, NAT). */
  perIpPerMinute: 120,
  /** Open widget sockets per IP address. */
  socketsPerIp: 30,
  /** Frames a socket may have waiting to be handled (they are handled one at a time); more: closed. */
  queuedFrames: 100,
  /** Bad frames a socket may send before it is closed. */
  badFrames: 10,
  /** Largest WebSocket frame, in bytes (a 4,000-character message fits with room to spare). */
  maxPayloadBytes: 64 * 1024,
  /** Time a new socket has to say hello. */
  helloTimeoutMs: 10_000,
} as const;

/**
 * Counts events per key in fixed one-minute windows, in memory (per process, like presence). Old
 * windows are dropped as new ones start, so memory stays bounded by the keys active this minute.
 */
export class MinuteCounter {
  private window = 0;
  private counts = new Map<string, number>();

  /** Counts one event for `key`; returns how many it has had this minute, this one included. */
  hit(key: string, now: number): number {
    const window = Math.floor(now / 60_000);
    if (window !== this.window) {
      this.window = window;
      this.counts = new Map();
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return count;
  }
}

/** How a counted event should be treated: let through, refused, or the socket closed for abuse. */
export function verdict(count: number, limit: number): 'ok' | 'refuse' | 'close' {
  if (count <= limit) return 'ok';
  return count > limit * 2 ? 'close' : 'refuse';
}
