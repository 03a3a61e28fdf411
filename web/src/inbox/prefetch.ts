import { api } from '../api/endpoints.js';
import type { ConversationPage, ConversationQuery } from '../api/types.js';
import { defaultFilters, toQuery } from './filters.js';

let pending: { key: string; promise: Promise<ConversationPage> } | null = null;

/**
 * Starts loading the inbox's first page as soon as we know the user is signed in, in parallel with
 * React mounting the inbox, so the first rows show one round trip sooner.
 */
export function prefetchFirstPage(limit: number) {
  const query = toQuery(defaultFilters, limit);
  const promise = api.conversations(query);
  promise.catch(() => {});
  pending = { key: JSON.stringify(query), promise };
}

/** The prefetched page if it was for exactly this query (used once), else null. */
export function takePrefetched(query: ConversationQuery): Promise<ConversationPage> | null {
  const found = pending && pending.key === JSON.stringify(query) ? pending.promise : null;
  pending = null;
  return found;
}
