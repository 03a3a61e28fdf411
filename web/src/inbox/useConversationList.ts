import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.js';
import { api } from '../api/endpoints.js';
import type { ConversationSummary } from '../api/types.js';
import { wordsOf } from '../i18n/index.js';
import { type Filters, toQuery } from './filters.js';
import { takePrefetched } from './prefetch.js';

/** Rows per page of the list endpoint. */
export const pageSize = 50;

interface ListState {
  items: ConversationSummary[];
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
}

/**
 * The inbox list for a set of filters: first page on change, more pages on demand, and a debounced
 * `refresh` that live events call, re-reading the loaded window so order and filters stay right.
 */
export function useConversationList(filters: Filters) {
  const [state, setState] = useState<ListState>({
    items: [],
    nextCursor: null,
    loading: true,
    loadingMore: false,
    error: null,
  });
  const generation = useRef(0);
  const stateRef = useRef(state);
  stateRef.current = state;
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(
    async (mode: 'reset' | 'refresh') => {
      const gen = mode === 'reset' ? ++generation.current : generation.current;
      if (mode === 'reset') setState((s) => ({ ...s, loading: true, error: null }));
      const loaded = stateRef.current.items.length;
      const limit = mode === 'refresh' ? Math.min(100, Math.max(pageSize, loaded)) : pageSize;
      try {
        const query = toQuery(filters, limit);
        const page = await ((mode === 'reset' && takePrefetched(query)) || api.conversations(query));
        if (gen !== generation.current) return;
        setState((s) => {
          const fresh = new Set(page.items.map((c) => c.id));
          // beyond the re-read window keep what was loaded (minus what moved into the window)
          const tail =
            mode === 'refresh' && s.items.length > limit
              ? s.items.slice(limit).filter((c) => !fresh.has(c.id))
              : [];
          return {
            items: tail.length ? [...page.items, ...tail] : page.items,
            nextCursor: tail.length ? s.nextCursor : page.nextCursor,
            loading: false,
            loadingMore: false,
            error: null,
          };
        });
      } catch (error) {
        if (gen !== generation.current) return;
        const message = error instanceof ApiError ? error.message : wordsOf('inbox')('loadFailedShort');
        setState((s) => ({ ...s, loading: false, error: message }));
      }
    },
    [filters],
  );

  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    void load('reset');
  }, [load]);

  const loadMore = useCallback(async () => {
    const s = stateRef.current;
    if (!s.nextCursor || s.loadingMore || s.loading) return;
    const gen = generation.current;
    setState((x) => ({ ...x, loadingMore: true }));
    try {
      const page = await api.conversations(toQuery(filters, pageSize, s.nextCursor));
      if (gen !== generation.current) return;
      setState((x) => {
        const seen = new Set(x.items.map((c) => c.id));
        return {
          ...x,
          items: [...x.items, ...page.items.filter((c) => !seen.has(c.id))],
          nextCursor: page.nextCursor,
          loadingMore: false,
        };
      });
    } catch {
      if (gen === generation.current) setState((x) => ({ ...x, loadingMore: false }));
    }
  }, [filters]);

  /** Re-reads the list soon; bursts of events collapse into one request. */
  const refresh = useCallback(() => {
    if (refreshTimer.current) return;
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = null;
      void loadRef.current('refresh');
    }, 150);
  }, []);

  useEffect(
    () => () => {
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
    },
    [],
  );

  /** Applies a conversation summary returned by an action right away (before the refetch). */
  const patch = useCallback((summary: ConversationSummary) => {
    setState((s) => ({ ...s, items: s.items.map((c) => (c.id === summary.id ? summary : c)) }));
  }, []);

  return { ...state, loadMore, refresh, patch, retry: () => void load('reset') };
}
