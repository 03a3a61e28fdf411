import { useEffect, useRef } from 'react';
import type { Attachment, Message, Note } from '../api/types.js';
import { Icon } from '../components/Icon.js';
import { useT } from '../i18n/index.js';
import { contactTitle, shownHandle } from '../lib/contact.js';
import { clockTime, fullTime } from '../lib/time.js';
import { MessageText } from './MessageText.js';
import { TriageEditor } from './TriageEditor.js';
import type { PendingReply } from './useConversation.js';

type Item =
  | { kind: 'message'; at: number; key: string; message: Message }
  | { kind: 'note'; at: number; key: string; note: Note }
  | { kind: 'pending'; at: number; key: string; pending: PendingReply };

const deliveryWords: Record<Message['deliveryStatus'], string> = {
  received: '',
  queued: 'queued',
  sending: 'sending',
  sent: 'sent',
  failed: 'failed',
};

/**
 * The conversation's thread in time order: customer messages, brand replies and private notes,
 * each marked in words (not only colour), with delivery state and retry on failed replies.
 */
export function Thread(props: {
  messages: Message[];
  notes: Note[];
  pending: PendingReply[];
  now: number;
  onRetryMessage: (messageId: number) => void;
  /** Quick reactions (like, repost) the message's channel supports. */
  engagementsOf: (channel: string) => ('like' | 'repost')[];
  onEngage: (messageId: number, action: 'like' | 'repost') => void;
  onRetryPending: (p: PendingReply) => void;
  onDiscardPending: (localId: number) => void;
  /** Set when the viewer may correct triage: called after a correction (the view reloads). */
  onTriageCorrected?: () => void;
}) {
  const items: Item[] = [
    ...props.messages.map((m): Item => ({ kind: 'message', at: m.createdAt, key: `m${m.id}`, message: m })),
    ...props.notes.map((n): Item => ({ kind: 'note', at: n.createdAt, key: `n${n.id}`, note: n })),
    ...props.pending.map((p): Item => ({ kind: 'pending', at: p.at, key: `p${p.localId}`, pending: p })),
  ].sort((a, b) => a.at - b.at);

  const t = useT('conversation');
  const endRef = useRef<HTMLLIElement>(null);
  const count = items.length;
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when the number of items changes
  useEffect(() => {
    endRef.current?.scrollIntoView({ block: 'end' });
  }, [count]);

  if (count === 0) return <p className="muted thread-empty">{t('noMessages')}</p>;

  return (
    <ol className="thread" aria-label={t('thread')}>
      {items.map((item) => {
        if (item.kind === 'note') {
          const n = item.note;
          return (
            <li key={item.key} className="msg note">
              <div className="msg-meta">
                <span className="msg-kind">
                  <Icon name="lock" /> {t('privateNote')}
                </span>
                <span className="msg-author">{n.author.name}</span>
                <time dateTime={new Date(n.createdAt).toISOString()} title={fullTime(n.createdAt)}>
                  {clockTime(n.createdAt, props.now)}
                </time>
              </div>
              <MessageText text={n.text} />
            </li>
          );
        }
        if (item.kind === 'pending') {
          const p = item.pending;
          return (
            <li key={item.key} className={`msg out ${p.status === 'failed' ? 'failed' : 'sending'}`}>
              <div className="msg-meta">
                <span className="msg-kind">{t('yourReply')}</span>
                <span className="delivery" role={p.status === 'failed' ? 'alert' : undefined}>
                  {p.status === 'failed'
                    ? t('failedToSend', { error: p.error ?? t('unknownError') })
                    : t('sending')}
                </span>
              </div>
              <MessageText text={p.text} />
              {p.status === 'failed' ? (
                <div className="msg-actions">
                  <button type="button" onClick={() => props.onRetryPending(p)}>
                    {t('retry')}
                  </button>
                  <button type="button" className="ghost" onClick={() => props.onDiscardPending(p.localId)}>
                    {t('discard')}
                  </button>
                </div>
              ) : null}
            </li>
          );
        }
        const m = item.message;
        const inbound = m.direction === 'inbound';
        const who = inbound
          ? [m.author.name, m.author.handle ? shownHandle(m.channel, m.author.handle) : null]
              .filter(Boolean)
              .join(' ')
          : (m.sender?.name ?? t('brand'));
        return (
          <li
            key={item.key}
            className={`msg ${inbound ? 'in' : 'out'} ${m.deliveryStatus === 'failed' ? 'failed' : ''}`}
          >
            <div className="msg-meta">
              <span className="msg-kind">{inbound ? t('customer') : t('replyKind')}</span>
              <span className="msg-author" dir="auto">
                {who || contactTitle(m.channel, null, null)}
              </span>
              <time dateTime={new Date(m.createdAt).toISOString()} title={fullTime(m.createdAt)}>
                {clockTime(m.createdAt, props.now)}
              </time>
              {m.context?.foundBy === 'listening' ? (
                <span className="badge listening" title={t('listeningTitle')}>
                  {m.context.keyword ? t('listeningKeyword', { keyword: m.context.keyword }) : t('listening')}
                </span>
              ) : null}
              {m.url ? (
                <a className="msg-link" href={m.url} target="_blank" rel="noopener noreferrer nofollow">
                  {t('openOriginal')}
                </a>
              ) : null}
              {!inbound && deliveryWords[m.deliveryStatus] ? (
                <span className={`delivery delivery-${m.deliveryStatus}`}>
                  {t(deliveryWords[m.deliveryStatus])}
                  {m.deliveryStatus === 'failed' && m.deliveryError ? `: ${m.deliveryError}` : ''}
                </span>
              ) : null}
            </div>
            {m.context?.subject ? (
              <div className="msg-subject" dir="auto">
                <span className="muted">{t('subject')}</span>
                {m.context.subject}
              </div>
            ) : null}
            {m.context?.quoteOf ? (
              <div className="muted msg-quote">{t('quotes', { quote: m.context.quoteOf })}</div>
            ) : null}
            <MessageText text={m.text} />
            {inbound ? (
              <TriageEditor message={m} now={props.now} onCorrected={props.onTriageCorrected} />
            ) : null}
            {m.attachments?.length ? <Attachments files={m.attachments} /> : null}
            {inbound && props.engagementsOf(m.channel).length > 0 ? (
              <Engagements message={m} actions={props.engagementsOf(m.channel)} onEngage={props.onEngage} />
            ) : null}
            {m.deliveryStatus === 'failed' && !inbound ? (
              <div className="msg-actions">
                <button type="button" onClick={() => props.onRetryMessage(m.id)}>
                  {t('retrySending')}
                </button>
              </div>
            ) : null}
          </li>
        );
      })}
      <li ref={endRef} className="thread-end" aria-hidden="true" />
    </ol>
  );
}

function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} B`;
}

/** A message's files as download links; files that were not kept say why. */
function Attachments(props: { files: Attachment[] }) {
  const t = useT('conversation');
  return (
    <ul className="msg-attachments" aria-label={t('attachments')}>
      {props.files.map((f) => (
        <li key={f.id}>
          {f.url ? (
            <a href={f.url} download={f.filename}>
              📎 {f.filename}
            </a>
          ) : (
            <span className="muted" title={f.omittedReason ?? undefined}>
              📎 {f.filename} {t('notKept', { reason: f.omittedReason ?? t('unknownReason') })}
            </span>
          )}{' '}
          <span className="muted">{fileSize(f.size)}</span>
        </li>
      ))}
    </ul>
  );
}

const engagementWords = { like: ['like', 'liked'], repost: ['repost', 'reposted'] } as const;

/** Like / repost buttons for a customer's public post, with their state in words. */
function Engagements(props: {
  message: Message;
  actions: ('like' | 'repost')[];
  onEngage: (messageId: number, action: 'like' | 'repost') => void;
}) {
  const t = useT('conversation');
  const states = props.message.context?.engagements ?? {};
  return (
    <div className="msg-actions">
      {props.actions.map((action) => {
        const state = states[action];
        const [verb, done] = engagementWords[action].map((key) => t(key)) as [string, string];
        if (state?.status === 'done') {
          return (
            <span key={action} className="engaged">
              {done}
            </span>
          );
        }
        return (
          <button
            key={action}
            type="button"
            className="ghost"
            disabled={state?.status === 'queued'}
            title={
              state?.status === 'failed'
                ? t('engageFailed', { error: state.error ?? t('unknownError') })
                : undefined
            }
            onClick={() => props.onEngage(props.message.id, action)}
          >
            {state?.status === 'queued'
              ? `${verb}…`
              : state?.status === 'failed'
                ? t('engageRetry', { verb })
                : verb}
          </button>
        );
      })}
    </div>
  );
}
