import { createContext, useContext, useEffect } from 'react';
import type { StreamEvent } from '../api/types.js';
import { useLatest } from './hooks.js';

type Listener = (event: StreamEvent | { type: 'reconnected' }) => void;

/** Fan-out of live stream events to the components that care (list, open conversation, presence). */
export class LiveHub {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(event: StreamEvent | { type: 'reconnected' }) {
    for (const listener of this.listeners) listener(event);
  }
}

/** The hub of the signed-in session; provided by the inbox shell. */
export const LiveContext = createContext<LiveHub>(new LiveHub());

/** Calls `handler` for every live event (including a synthetic 'reconnected' after a gap). */
export function useLiveEvents(handler: Listener) {
  const hub = useContext(LiveContext);
  const latest = useLatest(handler);
  useEffect(() => hub.subscribe((event) => latest.current(event)), [hub, latest]);
}
