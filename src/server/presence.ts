import type { LiveBus } from '../platform/live-bus.js';

type PresenceState = 'viewing' | 'replying';

/** How long a presence report lasts without being refreshed. */
export const PRESENCE_TTL_MS = 30_000;

/**
 * Who is looking at or typing in which conversation, for collision warnings. Kept in memory: it is
 * ephemeral by nature, and clients refresh it every few seconds while a conversation is open.
 */
export class PresenceTracker {
  private readonly byConversation = new Map<
    number,
    Map<number, { name: string; state: PresenceState; until: number }>
  >();

  constructor(
    private readonly live: LiveBus,
    private readonly now: () => number,
  ) {}

  /** Records a user's state (or their leaving) and broadcasts the conversation's viewers. */
  update(conversationId: number, user: { id: number; name: string }, state: PresenceState | 'left') {
    const viewers = this.byConversation.get(conversationId) ?? new Map();
    if (state === 'left') viewers.delete(user.id);
    else viewers.set(user.id, { name: user.name, state, until: this.now() + PRESENCE_TTL_MS });
    this.byConversation.set(conversationId, viewers);
    const list = this.viewers(conversationId);
    this.live.publish({ type: 'presence', conversationId, viewers: list });
    return list;
  }

  /** Current viewers of a conversation (expired reports dropped). */
  viewers(conversationId: number) {
    const viewers = this.byConversation.get(conversationId);
    if (!viewers) return [];
    const now = this.now();
    for (const [id, v] of viewers) if (v.until < now) viewers.delete(id);
    if (viewers.size === 0) this.byConversation.delete(conversationId);
    return [...viewers].map(([userId, v]) => ({ userId, name: v.name, state: v.state }));
  }
}
