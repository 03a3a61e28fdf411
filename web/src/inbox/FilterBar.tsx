import { type ReactNode, type RefObject, useId, useState } from 'react';
import type { Label, SortOrder, User, View } from '../api/types.js';
import { channelName } from '../components/Badges.js';
import { activeFilterCount, type Filters, views } from './filters.js';

const statusOptions = [
  { value: '', label: 'Open & pending' },
  { value: 'open', label: 'Open' },
  { value: 'pending', label: 'Pending' },
  { value: 'snoozed', label: 'Snoozed' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'open,pending,snoozed,resolved', label: 'Any status' },
];

/**
 * Views (Mine, Unassigned, Negative, Breaching, All), search and the channel/status/label/assignee
 * filters. On a phone the filters fold behind one button so the list keeps the screen.
 */
export function FilterBar(props: {
  filters: Filters;
  onChange: (next: Filters) => void;
  query: string;
  onQuery: (q: string) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  users: User[];
  labels: Label[];
  channels: string[];
}) {
  const { filters, onChange } = props;
  const [open, setOpen] = useState(false);
  const id = useId();
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  const count = activeFilterCount(filters);
  return (
    <div className="filterbar">
      <nav className="views" aria-label="Inbox views">
        {views.map((v) => (
          <button
            key={v.id}
            type="button"
            className="view-tab"
            aria-pressed={filters.view === v.id}
            onClick={() => set({ view: v.id as View })}
          >
            {v.label}
          </button>
        ))}
      </nav>
      <div className="search-row">
        <label htmlFor={`${id}-q`} className="sr-only">
          Search conversations
        </label>
        <input
          id={`${id}-q`}
          ref={props.searchRef}
          type="search"
          className="search"
          placeholder="Search (press /)"
          value={props.query}
          onChange={(e) => props.onQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              props.onQuery('');
              e.currentTarget.blur();
            }
          }}
        />
        <button
          type="button"
          className="filters-toggle"
          aria-expanded={open}
          aria-controls={`${id}-filters`}
          onClick={() => setOpen(!open)}
        >
          Filters{count ? ` (${count})` : ''}
        </button>
      </div>
      <div id={`${id}-filters`} className={`filters ${open ? 'is-open' : ''}`}>
        <Select
          id={`${id}-channel`}
          label="Filter by channel"
          value={filters.channel}
          onChange={(channel) => set({ channel })}
        >
          <option value="">All channels</option>
          {props.channels.map((c) => (
            <option key={c} value={c}>
              {channelName(c)}
            </option>
          ))}
        </Select>
        <Select
          id={`${id}-status`}
          label="Filter by status"
          value={filters.status}
          onChange={(status) => set({ status })}
        >
          {statusOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
        <Select
          id={`${id}-label`}
          label="Filter by label"
          value={filters.label}
          onChange={(label) => set({ label })}
        >
          <option value="">Any label</option>
          {props.labels.map((l) => (
            <option key={l.id} value={l.name}>
              {l.name}
            </option>
          ))}
        </Select>
        <Select
          id={`${id}-assignee`}
          label="Filter by assignee"
          value={filters.assignee}
          onChange={(assignee) => set({ assignee })}
        >
          <option value="">Any assignee</option>
          <option value="me">Assigned to me</option>
          <option value="none">Assigned to nobody</option>
          {props.users.map((u) => (
            <option key={u.id} value={String(u.id)}>
              Assigned to {u.name}
            </option>
          ))}
        </Select>
        <Select
          id={`${id}-sort`}
          label="Sort by"
          value={filters.sort}
          onChange={(sort) => set({ sort: sort as SortOrder })}
        >
          <option value="priority">Sort: priority</option>
          <option value="waiting">Sort: longest waiting</option>
          <option value="due">Sort: due soonest</option>
          <option value="recent">Sort: most recent</option>
        </Select>
      </div>
    </div>
  );
}

function Select(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
}) {
  return (
    <span className="select-field">
      <label htmlFor={props.id} className="sr-only">
        {props.label}
      </label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.children}
      </select>
    </span>
  );
}
