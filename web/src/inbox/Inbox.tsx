import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { slaRoutes } from '../../../src/server/routes/sla.schema.js';
import { call, reportUnauthenticated } from '../api/client.js';
import { api } from '../api/endpoints.js';
import { openStream, type StreamStatus } from '../api/stream.js';
import type { Label, User } from '../api/types.js';
import { channelsApi } from '../channels/api.js';
import { ChannelsDialog } from '../channels/ChannelsDialog.js';
import { channelName } from '../components/Badges.js';
import { Toast } from '../components/Toast.js';
import { ConversationView } from '../conversation/ConversationView.js';
import { useT, wordsOf } from '../i18n/index.js';
import { rich } from '../i18n/rich.js';
import { chime } from '../lib/chime.js';
import { useDebounced, useNarrow, useNow } from '../lib/hooks.js';
import { LiveContext, LiveHub } from '../lib/live.js';
import { notify, urgentPriority } from '../lib/notify.js';
import { useUnreadTitle } from '../lib/unread-title.js';
import type { Preferences } from '../settings/preferences.js';
import { SettingsDialog } from '../settings/SettingsDialog.js';
import { usePreferences } from '../settings/usePreferences.js';
import { ConversationList } from './ConversationList.js';
import { FilterBar } from './FilterBar.js';
import { FirstRun } from './FirstRun.js';
import { activeFilterCount, defaultFilters, type Filters } from './filters.js';
import { Header } from './Header.js';
import { HelpDialog } from './HelpDialog.js';
import { ListState } from './ListState.js';
import { useConversationList } from './useConversationList.js';
import { type Command, useInboxKeys } from './useInboxKeys.js';
import { useResolve } from './useResolve.js';
import { useOpenConversation } from './useRoute.js';

/**
 * The signed-in screen: list and open conversation side by side (separate panes on a phone),
 * kept live by the event stream, driven by mouse, touch or the keyboard.
 */
export function Inbox(props: { me: User; preferences: Preferences; onSignOut: () => void }) {
  const { me } = props;
  const t = useT('inbox');
  const { preferences, ref: preferencesRef, change: changePreferences } = usePreferences(props.preferences);
  const hub = useMemo(() => new LiveHub(), []);
  const noteUnread = useUnreadTitle();
  const [stream, setStream] = useState<StreamStatus>('connecting');
  const [users, setUsers] = useState<User[]>([]);
  const [labels, setLabels] = useState<Label[]>([]);
  const [filters, setFilters] = useState<Filters>(defaultFilters);
  const [query, setQuery] = useState('');
  const q = useDebounced(query, 250);
  const effective = useMemo(() => ({ ...filters, q }), [filters, q]);
  const list = useConversationList(effective);
  const { openId, open, close, toList } = useOpenConversation();
  const [selectedId, setSelectedIdState] = useState<number | null>(openId);
  // mirrored synchronously so fast repeated j/k presses build on each other before React re-renders
  const selectedRef = useRef<number | null>(openId);
  const setSelectedId = useCallback((id: number | null) => {
    selectedRef.current = id;
    setSelectedIdState(id);
  }, []);
  const [focusSeq, setFocusSeq] = useState(0);
  const [command, setCommand] = useState<Command | null>(null);
  const [help, setHelp] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [channelsOpen, setChannelsOpen] = useState(false);
  const [brokenChannels, setBrokenChannels] = useState(0);
  const [channelCount, setChannelCount] = useState<number | null>(null);
  const loadChannelHealth = useCallback(() => {
    channelsApi.list().then(
      (r) => {
        setBrokenChannels(r.items.filter((a) => a.status === 'broken').length);
        setChannelCount(r.items.length);
      },
      () => setBrokenChannels(0),
    );
  }, []);
  useEffect(loadChannelHealth, [loadChannelHealth]);
  const [hoursCount, setHoursCount] = useState<number | null>(null);
  useEffect(() => {
    call(slaRoutes.listHours).then(
      (r) => setHoursCount(r.items.length),
      () => setHoursCount(null),
    );
  }, []);
  const searchRef = useRef<HTMLInputElement>(null);
  const narrow = useNarrow();
  const now = useNow(10_000);

  const loadLookups = useCallback(() => {
    api.users().then(
      (r) => setUsers(r.items),
      () => setUsers([]),
    );
    api.labels().then(
      (r) => setLabels(r.items),
      () => setLabels([]),
    );
  }, []);
  useEffect(loadLookups, [loadLookups]);

  const openRef = useRef(open);
  openRef.current = open;
  const refreshList = list.refresh;
  useEffect(
    () =>
      openStream({
        onStatus: setStream,
        onClosed: () => {
          api.authState().then(
            (state) => {
              if (!state.user) reportUnauthenticated();
            },
            () => {},
          );
        },
        onReconnect: () => {
          refreshList();
          hub.emit({ type: 'reconnected' });
        },
        onEvent: (event) => {
          hub.emit(event);
          if (event.type === 'conversation.updated' || event.type === 'message.created') refreshList();
          if (event.type === 'conversation.updated' && event.data.reason === 'labels') loadLookups();
          if (event.type === 'channels.changed') loadChannelHealth();
          if (event.type === 'message.created' && event.data.direction === 'inbound') {
            noteUnread();
            const { sentiment, priority, conversationId } = event.data;
            const urgent = (priority ?? 0) >= urgentPriority;
            if (urgent && preferencesRef.current.urgentSound) chime();
            if (sentiment === 'negative' || urgent) {
              const words = wordsOf('inbox');
              notify(
                urgent ? words('notifyUrgent') : words('notifyNegative'),
                words('notifyBody', { id: conversationId }),
                () => openRef.current(conversationId),
              );
            }
          }
        },
      }),
    [hub, refreshList, loadLookups, loadChannelHealth, preferencesRef, noteUnread],
  );

  const seenChannels = useRef(new Set<string>());
  const channels = useMemo(() => {
    for (const c of list.items) seenChannels.current.add(c.channel);
    if (filters.channel) seenChannels.current.add(filters.channel);
    return [...seenChannels.current].sort((a, b) => channelName(a).localeCompare(channelName(b)));
  }, [list.items, filters.channel]);

  const clearCommand = useCallback(() => setCommand(null), []);

  const openConversation = useCallback(
    (id: number) => {
      setSelectedId(id);
      open(id);
    },
    [open, setSelectedId],
  );

  // moving on after resolving replaces the history entry, so Back still leads to the list
  const moveTo = useCallback(
    (id: number) => {
      setSelectedId(id);
      open(id, true);
    },
    [open, setSelectedId],
  );
  const resolver = useResolve({ items: list.items, patch: list.patch, open: moveTo, close: toList });
  const canAct = me.role !== 'viewer';

  useInboxKeys({
    items: list.items,
    selectedRef,
    openId,
    narrow,
    helpOpen: help,
    singleKeys: preferences.keyboardShortcuts,
    onResolve: canAct ? (id) => void resolver.resolve(id) : null,
    onSelect: (id) => {
      setSelectedId(id);
      setFocusSeq((n) => n + 1);
    },
    onOpen: openConversation,
    onClose: close,
    onCommand: setCommand,
    onSearch: () => searchRef.current?.focus(),
    onHelp: () => setHelp(true),
  });

  const showList = !narrow || openId === null;
  const showConversation = !narrow || openId !== null;

  return (
    <LiveContext.Provider value={hub}>
      <div className={`app ${narrow ? 'narrow' : 'wide'}${preferences.keyboardShortcuts ? '' : ' no-keys'}`}>
        <a className="skip-link" href="#main">
          {t('skipToInbox')}
        </a>
        <Header
          me={me}
          stream={stream}
          brokenChannels={brokenChannels}
          onChannels={() => setChannelsOpen(true)}
          onHelp={() => setHelp(true)}
          onSettings={() => setSettingsOpen(true)}
          onSignOut={props.onSignOut}
        />
        <main className="panes" id="main" tabIndex={-1}>
          {showList ? (
            <section className="pane list-pane" aria-label={t('listLabel')}>
              <FilterBar
                filters={filters}
                onChange={setFilters}
                query={query}
                onQuery={setQuery}
                searchRef={searchRef}
                users={users}
                labels={labels}
                channels={channels}
              />
              {preferences.checklistDismissed ? null : (
                <FirstRun
                  // the list always holds the signed-in person, so empty means not loaded yet
                  facts={{ channels: channelCount, people: users.length || null, hours: hoursCount }}
                  isAdmin={me.role === 'admin'}
                  onConnect={() => setChannelsOpen(true)}
                  onDismiss={() => void changePreferences({ checklistDismissed: true }).catch(() => {})}
                />
              )}
              {list.items.length === 0 || list.error ? (
                <ListState
                  loading={list.loading}
                  error={list.error}
                  filtered={filters.view !== 'all' || !!q || activeFilterCount(filters) > 0}
                  onRetry={list.retry}
                  noChannels={
                    channelCount === 0
                      ? { isAdmin: me.role === 'admin', onConnect: () => setChannelsOpen(true) }
                      : undefined
                  }
                  onReset={() => {
                    setFilters(defaultFilters);
                    setQuery('');
                  }}
                />
              ) : (
                <ConversationList
                  items={list.items}
                  selectedId={selectedId}
                  openId={openId}
                  now={now}
                  hasMore={list.nextCursor !== null}
                  loadingMore={list.loadingMore}
                  focusSeq={focusSeq}
                  onOpen={openConversation}
                  onSelect={setSelectedId}
                  onLoadMore={list.loadMore}
                />
              )}
            </section>
          ) : null}
          {showConversation ? (
            <section className="pane conversation-pane" aria-label={t('conversationLabel')}>
              {openId !== null ? (
                <ConversationView
                  key={openId}
                  id={openId}
                  me={me}
                  users={users}
                  labels={labels}
                  now={now}
                  narrow={narrow}
                  command={command}
                  onCommandDone={clearCommand}
                  onBack={close}
                  onOpen={openConversation}
                  onChanged={list.patch}
                  onResolve={(c) => void resolver.resolve(c.id, c)}
                />
              ) : (
                <div className="empty-state">
                  <p className="big">{t('pickTitle')}</p>
                  <p className="muted">
                    <span className="hint single">{rich(t('pickHint'), { kbd: (k) => <kbd>{k}</kbd> })}</span>
                    <span className="hint-instead">{t('pickTouch')}</span>
                  </p>
                </div>
              )}
            </section>
          ) : null}
        </main>
        {help ? (
          <HelpDialog
            onClose={() => setHelp(false)}
            singleKeys={preferences.keyboardShortcuts}
            onSingleKeys={(on) => changePreferences({ keyboardShortcuts: on })}
          />
        ) : null}
        {settingsOpen ? (
          <SettingsDialog
            preferences={preferences}
            onChange={changePreferences}
            onClose={() => setSettingsOpen(false)}
            onShortcuts={() => setHelp(true)}
          />
        ) : null}
        <Toast toast={resolver.toast} onDone={resolver.dismiss} />
        {channelsOpen ? (
          <ChannelsDialog
            isAdmin={me.role === 'admin'}
            onClose={() => {
              setChannelsOpen(false);
              loadChannelHealth();
            }}
          />
        ) : null}
      </div>
    </LiveContext.Provider>
  );
}
