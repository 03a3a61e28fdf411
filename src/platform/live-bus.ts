/** Changes pushed live to browsers (and to anything else that listens in-process). */
export type LiveEvent =
  | { type: 'conversation.updated'; conversationId: number; reason: string }
  | {
      type: 'message.created';
      conversationId: number;
      messageId: number;
      direction: 'inbound' | 'outbound';
      sentiment: string | null;
      priority: number | null;
    }
  | {
      type: 'presence';
      conversationId: number;
      viewers: { userId: number; name: string; state: 'viewing' | 'replying' }[];
    }
  | { type: 'alert'; kind: string; channel: string; [key: string]: unknown }
  | { type: 'channels.changed'; accountId: number };

type Listener = (event: LiveEvent) => void;

/**
 * In-process publish/subscribe for live updates. Publishers never wait for listeners, and a
 * listener that throws cannot break a publisher.
 */
export class LiveBus {
  private readonly listeners = new Set<Listener>();

  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Delivers an event to every current listener. */
  publish(event: LiveEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // a broken subscriber must not affect the publisher
      }
    }
  }

  get size() {
    return this.listeners.size;
  }
}
