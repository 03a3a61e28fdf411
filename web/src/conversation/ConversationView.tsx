import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/endpoints.js';
import type { ConversationSummary, Label, User, Viewer } from '../api/types.js';
import { type ChannelType, channelsApi, channelTypesOnce } from '../channels/api.js';
import { ChannelTag, PriorityBadge, SentimentBadge, SlaBadge, StatusBadge } from '../components/Badges.js';
import { Icon } from '../components/Icon.js';
import { useT } from '../i18n/index.js';
import type { Command } from '../inbox/useInboxKeys.js';
import { contactTitle, shownHandle } from '../lib/contact.js';
import { slaState } from '../lib/time.js';
import { ActionsBar } from './ActionsBar.js';
import { Composer, type ComposerHandle } from './Composer.js';
import { ContactPanel } from './ContactPanel.js';
import { HeldReplies } from './HeldReplies.js';
import { PlaybookPanel } from './PlaybookPanel.js';
import { Thread } from './Thread.js';
import { useConversation, usePresence } from './useConversation.js';

/**
 * One open conversation: header with status and actions, collision warning, the thread, the
 * composer and the contact sidebar (folded above the thread on a phone).
 */
export function ConversationView(props: {
  id: number;
  me: User;
  users: User[];
  labels: Label[];
  now: number;
  narrow: boolean;
  command: Command | null;
  onCommandDone: () => void;
  onBack: () => void;
  onOpen: (id: number) => void;
  onChanged: (c: ConversationSummary) => void;
  /** Resolve (the inbox moves on to the next conversation and offers Undo). */
  onResolve: (c: ConversationSummary) => void;
}) {
  const { id, me, command, onCommandDone, onChanged } = props;
  const conv = useConversation(id);
  const t = useT('conversation');
  const [channelTypes, setChannelTypes] = useState<ChannelType[]>([]);
  useEffect(() => {
    void channelTypesOnce().then(setChannelTypes);
  }, []);
  const engagementsOf = (channel: string) =>
    channelTypes.find((t) => t.type === channel)?.capabilities.engagements ?? [];
  const [replying, setReplying] = useState(false);
  const canAct = me.role !== 'viewer';
  const viewers = usePresence(id, me.id, replying, conv.detail !== null);
  const composer = useRef<ComposerHandle | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const loaded = conv.detail !== null;

  const changed = useCallback(
    (c: ConversationSummary) => {
      conv.applySummary(c);
      onChanged(c);
    },
    [conv.applySummary, onChanged],
  );

  useEffect(() => {
    if (!command || !loaded) return;
    if (canAct) composer.current?.focus(command.name);
    onCommandDone();
  }, [command, loaded, canAct, onCommandDone]);

  // On a phone the list (and the row that had focus) is gone once a conversation opens: focus its
  // heading, once, when it has loaded. Never later: a layout change (a window narrowed, a phone
  // turned) must leave focus where the person is typing, or their next keys go astray.
  const narrowRef = useRef(props.narrow);
  narrowRef.current = props.narrow;
  useEffect(() => {
    if (!loaded || !narrowRef.current) return;
    const active = document.activeElement;
    if (active && active !== document.body && active.closest('.conv')) return;
    headingRef.current?.focus({ preventScroll: true });
  }, [loaded]);

  if (conv.error && !conv.detail) {
    return (
      <div className="empty-state" role="alert">
        {props.narrow ? <BackButton onBack={props.onBack} /> : null}
        <p className="big">{t('cannotOpen')}</p>
        <p className="muted">{conv.error}</p>
        <button type="button" className="primary" onClick={() => void conv.reload()}>
          {t('common:retry')}
        </button>
      </div>
    );
  }
  if (!conv.detail) {
    return (
      <div className="empty-state" aria-busy="true">
        <p className="muted">{t('loading')}</p>
      </div>
    );
  }
  const { conversation: c, messages, notes, contact } = conv.detail;
  const sla = slaState(c, props.now);
  const title = contactTitle(c.channel, contact?.name || c.contact?.name, c.contact?.handle);
  const contactPanel = (
    <>
      <ContactPanel contact={contact} conversation={c} now={props.now} onOpen={props.onOpen} />
      <PlaybookPanel conversationId={id} version={messages.length} />
    </>
  );

  return (
    <div className="conv">
      <header className="conv-head">
        <div className="conv-title">
          {props.narrow ? <BackButton onBack={props.onBack} /> : null}
          <h1 ref={headingRef} tabIndex={-1} dir="auto">
            {title}
          </h1>
          {c.contact?.handle && c.contact.handle !== title ? (
            <span className="row-handle" dir="auto">
              {shownHandle(c.channel, c.contact.handle)}
            </span>
          ) : null}
        </div>
        <div className="conv-badges">
          <ChannelTag channel={c.channel} />
          <StatusBadge status={c.status} snoozedUntil={c.snoozedUntil} now={props.now} />
          <PriorityBadge priority={c.priority} />
          <SentimentBadge sentiment={c.sentiment} />
          <SlaBadge level={sla.level} label={sla.label} />
        </div>
        {canAct ? (
          <ActionsBar
            conversation={c}
            me={me}
            users={props.users}
            labels={props.labels}
            onChanged={changed}
            onResolve={() => props.onResolve(c)}
            narrow={props.narrow}
          />
        ) : null}
      </header>
      <Collision viewers={viewers} />
      <div className="conv-body">
        <div className="conv-main">
          {props.narrow ? (
            <details className="contact-fold">
              <summary>{t('contactDetails')}</summary>
              {contactPanel}
            </details>
          ) : null}
          <div className="thread-scroll">
            <Thread
              messages={messages}
              notes={notes}
              pending={conv.pending}
              now={props.now}
              onRetryMessage={(messageId) => {
                api.retry(messageId).then(
                  () => conv.reloadSoon(),
                  () => conv.reloadSoon(),
                );
              }}
              engagementsOf={engagementsOf}
              onEngage={(messageId, action) => {
                channelsApi.engage(messageId, action).then(
                  () => conv.reloadSoon(),
                  () => conv.reloadSoon(),
                );
              }}
              onRetryPending={(p) => void conv.sendReply(p.text, p.localId)}
              onDiscardPending={conv.discard}
              onTriageCorrected={canAct ? conv.reloadSoon : undefined}
            />
          </div>
          <HeldReplies conversationId={id} meId={me.id} />
          {canAct ? (
            <Composer
              conversationId={id}
              users={props.users}
              handle={composer}
              onSendReply={(text, extras) => conv.sendReply(text, undefined, extras)}
              checkContext={{
                channel: c.channel,
                customerText: messages.findLast((m) => m.direction === 'inbound')?.text ?? null,
                contactId: contact?.id ?? null,
              }}
              onSendNote={async (text) => {
                try {
                  await api.note(id, text);
                  conv.reloadSoon();
                  return true;
                } catch {
                  return false;
                }
              }}
              onReplying={setReplying}
            />
          ) : (
            <p className="muted composer-readonly">{t('readOnly')}</p>
          )}
        </div>
        {props.narrow ? null : (
          <aside className="sidebar" aria-label={t('contact')}>
            {contactPanel}
          </aside>
        )}
      </div>
    </div>
  );
}

function BackButton(props: { onBack: () => void }) {
  const t = useT('conversation');
  return (
    <button type="button" className="ghost back" onClick={props.onBack}>
      <span aria-hidden="true">← </span>
      {t('back')}
    </button>
  );
}

/** The collision warning: a teammate is looking at or answering this same conversation. */
function Collision({ viewers }: { viewers: Viewer[] }) {
  const t = useT('conversation');
  if (!viewers.length) return null;
  const replying = viewers.filter((v) => v.state === 'replying');
  const text = replying.length
    ? t(replying.length > 1 ? 'replyingMany' : 'replyingOne', {
        names: replying.map((v) => v.name).join(', '),
      })
    : t(viewers.length > 1 ? 'viewingMany' : 'viewingOne', { names: viewers.map((v) => v.name).join(', ') });
  return (
    <p className={`collision ${replying.length ? 'collision-replying' : ''}`} role="status">
      <Icon name={replying.length ? 'pen' : 'eye'} />
      {text}
    </p>
  );
}
