import { type ReactNode, type RefObject, useId, useState } from 'react';
import type { Label, SortOrder, User, View } from '../api/types.js';
import { channelName } from '../components/Badges.js';
import { useT } from '../i18n/index.js';
import { activeFilterCount, type Filters, views } from './filters.js';

const statusOptions = [
  { value: '', label: 'statusOpenPending' },
  { value: 'open', label: 'statusOpen' },
  { value: 'pending', label: 'statusPending' },
  { value: 'snoozed', label: 'statusSnoozed' },
  { value: 'resolved', label: 'statusResolved' },
  { value: 'open,pending,snoozed,resolved', label: 'statusAny' },
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
  const t = useT('inbox');
  const id = useId();
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  const count = activeFilterCount(filters);
  return (
    <div className="filterbar">
      <nav className="views" aria-label={t('views')}>
        {views.map((v) => (
          <button
            key={v.id}
            type="button"
            className="view-tab"
            aria-pressed={filters.view === v.id}
            onClick={() => set({ view: v.id as View })}
          >
            {t(v.label)}
          </button>
        ))}
      </nav>
      <div className="search-row">
        <label htmlFor={`${id}-q`} className="sr-only">
          {t('search')}
        </label>
        <input
          id={`${id}-q`}
          ref={props.searchRef}
          type="search"
          className="search"
          placeholder={t('searchPlaceholder')}
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
          {count ? t('filtersCount', { count }) : t('filters')}
        </button>
      </div>
      <div id={`${id}-filters`} className={`filters ${open ? 'is-open' : ''}`}>
        <Select
          id={`${id}-channel`}
          label={t('byChannel')}
          value={filters.channel}
          onChange={(channel) => set({ channel })}
        >
          <option value="">{t('allChannels')}</option>
          {props.channels.map((c) => (
            <option key={c} value={c}>
              {channelName(c)}
            </option>
          ))}
        </Select>
        <Select
          id={`${id}-status`}
          label={t('byStatus')}
          value={filters.status}
          onChange={(status) => set({ status })}
        >
          {statusOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {t(o.label)}
            </option>
          ))}
        </Select>
        <Select
          id={`${id}-label`}
          label={t('byLabel')}
          value={filters.label}
          onChange={(label) => set({ label })}
        >
          <option value="">{t('anyLabel')}</option>
          {props.labels.map((l) => (
            <option key={l.id} value={l.name}>
              {l.name}
            </option>
          ))}
        </Select>
        <Select
          id={`${id}-assignee`}
          label={t('byAssignee')}
          value={filters.assignee}
          onChange={(assignee) => set({ assignee })}
        >
          <option value="">{t('anyAssignee')}</option>
          <option value="me">{t('assignedMe')}</option>
          <option value="none">{t('assignedNobody')}</option>
          {props.users.map((u) => (
            <option key={u.id} value={String(u.id)}>
              {t('assignedTo', { name: u.name })}
            </option>
          ))}
        </Select>
        <Select
          id={`${id}-sort`}
          label={t('sortBy')}
          value={filters.sort}
          onChange={(sort) => set({ sort: sort as SortOrder })}
        >
          <option value="priority">{t('sortPriority')}</option>
          <option value="waiting">{t('sortWaiting')}</option>
          <option value="due">{t('sortDue')}</option>
          <option value="recent">{t('sortRecent')}</option>
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
