import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef } from 'react';
import type { ConversationSummary } from '../api/types.js';
import { ChannelTag, PriorityBadge, SentimentBadge, SlaBadge, StatusBadge } from '../components/Badges.js';
import { useT } from '../i18n/index.js';
import { contactTitle, shownHandle } from '../lib/contact.js';
import { shortDuration, slaState } from '../lib/time.js';

const rowHeight = 92;

interface Props {
  items: ConversationSummary[];
  selectedId: number | null;
  openId: number | null;
  now: number;
  hasMore: boolean;
  loadingMore: boolean;
  /** Bumped when the keyboard moved the selection: scroll to it and focus it. */
  focusSeq: number;
  onOpen: (id: number) => void;
  onSelect: (id: number) => void;
  onLoadMore: () => void;
}

/**
 * The inbox list, virtualised: only the rows in view (plus a few) are in the DOM, so 10,000
 * conversations scroll as smoothly as 10. Rows are links, so Tab, Enter and middle-click work.
 */
export function ConversationList(props: Props) {
  const { items, selectedId, focusSeq, hasMore, loadingMore, onLoadMore } = props;
  const t = useT('inbox');
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    getItemKey: (index) => items[index]?.id ?? index,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const last = virtualItems[virtualItems.length - 1];

  useEffect(() => {
    if (last && hasMore && !loadingMore && last.index >= items.length - 10) onLoadMore();
  }, [last, hasMore, loadingMore, items.length, onLoadMore]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: only a keyboard move (focusSeq) should move focus
  useEffect(() => {
    if (!focusSeq || selectedId === null) return;
    const index = items.findIndex((c) => c.id === selectedId);
    if (index < 0) return;
    virtualizer.scrollToIndex(index, { align: 'auto' });
    requestAnimationFrame(() => {
      scrollRef.current
        ?.querySelector<HTMLElement>(`[data-id="${selectedId}"]`)
        ?.focus({ preventScroll: true });
    });
  }, [focusSeq]);

  return (
    <div ref={scrollRef} className="list-scroll">
      <ul
        className="conv-list"
        aria-label={t('conversations')}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualItems.map((row) => {
          const c = items[row.index];
          if (!c) return null;
          return (
            <li
              key={row.key}
              className="conv-item"
              style={{ transform: `translateY(${row.start}px)`, height: rowHeight }}
              aria-setsize={items.length}
              aria-posinset={row.index + 1}
            >
              <Row
                c={c}
                now={props.now}
                selected={c.id === selectedId}
                open={c.id === props.openId}
                onOpen={props.onOpen}
                onSelect={props.onSelect}
              />
            </li>
          );
        })}
      </ul>
      {loadingMore ? <p className="list-footer muted">{t('loadingMore')}</p> : null}
    </div>
  );
}

const Row = memo(function Row(props: {
  c: ConversationSummary;
  now: number;
  selected: boolean;
  open: boolean;
  onOpen: (id: number) => void;
  onSelect: (id: number) => void;
}) {
  const { c, now } = props;
  const t = useT('inbox');
  const sla = slaState(c, now);
  const name = contactTitle(c.channel, c.contact?.name, c.contact?.handle);
  const handle =
    c.contact?.handle && c.contact.handle !== name ? shownHandle(c.channel, c.contact.handle) : '';
  const waiting = c.waitingSince !== null ? shortDuration(now - c.waitingSince) : null;
  const classes = ['row', props.selected ? 'selected' : '', props.open ? 'open' : '', `sla-row-${sla.level}`];
  return (
    <a
      href={`/c/${c.id}`}
      data-id={c.id}
      className={classes.join(' ')}
      aria-current={props.open ? 'true' : undefined}
      onFocus={() => props.onSelect(c.id)}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        props.onOpen(c.id);
      }}
    >
      <span className="row-line">
        <ChannelTag channel={c.channel} />
        <span className="row-name" dir="auto">
          {name}
        </span>
        {handle ? (
          <span className="row-handle" dir="auto">
            {handle}
          </span>
        ) : null}
        <span className="row-time" title={waiting ? t('waitingTitle', { time: waiting }) : undefined}>
          {waiting ? (
            <>
              <span className="sr-only">{t('waitingSr')}</span>
              {waiting}
            </>
          ) : (
            <span className="muted">{t('replied')}</span>
          )}
        </span>
      </span>
      <span className="row-preview" dir="auto">
        {c.subject ? <strong className="row-subject">{c.subject} · </strong> : null}
        {c.lastMessage.direction === 'outbound' ? <span className="muted">{t('you')}</span> : null}
        {c.lastMessage.preview}
      </span>
      <span className="row-line row-badges">
        <PriorityBadge priority={c.priority} />
        <SentimentBadge sentiment={c.sentiment} />
        <SlaBadge level={sla.level} label={sla.label} />
        {c.status !== 'open' ? (
          <StatusBadge status={c.status} snoozedUntil={c.snoozedUntil} now={now} />
        ) : null}
        {c.labels.slice(0, 2).map((l) => (
          <span key={l} className="badge label" dir="auto">
            {l}
          </span>
        ))}
        <span className="row-assignee">
          {c.assignee ? c.assignee.name : <span className="muted">{t('unassigned')}</span>}
        </span>
      </span>
    </a>
  );
});
