import type { ConversationQuery, ConversationStatus, SortOrder, View } from '../api/types.js';

/** What the inbox list is showing: a view plus optional filters, search and order. */
export interface Filters {
  view: View;
  /** Comma list of statuses; '' means the server default (open and pending). */
  status: string;
  channel: string;
  label: string;
  /** '' anyone, 'me', 'none' or a user id. */
  assignee: string;
  q: string;
  sort: SortOrder;
}

export const defaultFilters: Filters = {
  view: 'all',
  status: '',
  channel: '',
  label: '',
  assignee: '',
  q: '',
  sort: 'priority',
};

/** The views, each with its name's key in the `inbox` words. */
export const views: { id: View; label: string }[] = [
  { id: 'mine', label: 'viewMine' },
  { id: 'unassigned', label: 'viewUnassigned' },
  { id: 'negative', label: 'viewNegative' },
  { id: 'breaching', label: 'viewBreaching' },
  { id: 'all', label: 'viewAll' },
];

/** Turns the inbox's filters into the list endpoint's query. */
export function toQuery(filters: Filters, limit: number, cursor?: string | null): ConversationQuery {
  const assignee =
    filters.assignee === 'me' || filters.assignee === 'none'
      ? filters.assignee
      : filters.assignee
        ? Number(filters.assignee)
        : undefined;
  return {
    view: filters.view,
    status: filters.status ? (filters.status.split(',') as ConversationStatus[]) : undefined,
    channel: filters.channel || undefined,
    label: filters.label || undefined,
    assignee,
    q: filters.q.trim() || undefined,
    sort: filters.sort,
    limit,
    cursor: cursor ?? undefined,
  };
}

/** How many filters beyond the view are active (shown on the phone's "Filters" button). */
export function activeFilterCount(filters: Filters): number {
  return [filters.status, filters.channel, filters.label, filters.assignee].filter(Boolean).length;
}
