import { useState } from 'react';
import { useT } from '../i18n/index.js';
import { type HeldReply, repliesApi } from './api.js';

/**
 * One reply held for approval: who wrote it and why it is held, its text, and, for reviewers, the
 * decisions (approve, edit then approve, send back with a comment). Decided ones say who decided.
 */
export function HeldReplyCard(props: {
  item: HeldReply;
  canDecide: boolean;
  onDecided: () => void;
  children?: React.ReactNode;
}) {
  const t = useT('replies');
  const { item } = props;
  const [mode, setMode] = useState<'view' | 'edit' | 'return'>('view');
  const [draft, setDraft] = useState(item.text);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reason = item.reasons
    .map((r) => (r === 'in_training' ? t('reasonTraining') : t('reasonConversation')))
    .join(', ');
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      setMode('view');
      props.onDecided();
    } catch (err) {
      setError(t('failed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className={`held-reply held-${item.status}`}>
      <p className="muted small">
        {t('by', { name: item.author.name, reason })} ·{' '}
        {t('to', { name: item.contactName ?? t('someone'), channel: item.channel })}
      </p>
      {mode === 'edit' ? (
        <label className="held-edit">
          <span className="sr-only">{t('edit')}</span>
          <textarea dir="auto" rows={4} value={draft} onChange={(e) => setDraft(e.target.value)} />
        </label>
      ) : (
        <p className="held-text" dir="auto">
          {item.text}
        </p>
      )}
      {item.status === 'returned' && item.decidedBy ? (
        <p className="warning-text small">
          {t('returned', { name: item.decidedBy.name, comment: item.comment ?? '' })}
        </p>
      ) : null}
      {item.status === 'approved' && item.decidedBy ? (
        <p className="muted small">{t('approved', { name: item.decidedBy.name })}</p>
      ) : null}
      {mode === 'return' ? (
        <label className="held-edit">
          <span>{t('comment')}</span>
          <textarea dir="auto" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
        </label>
      ) : null}
      {error ? (
        <p className="error-text small" role="alert">
          {error}
        </p>
      ) : null}
      <div className="held-actions">
        {props.canDecide && item.status === 'pending' && mode === 'view' ? (
          <>
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => void run(() => repliesApi.approve(item.id))}
            >
              {t('approve')}
            </button>
            <button type="button" disabled={busy} onClick={() => setMode('edit')}>
              {t('edit')}
            </button>
            <button type="button" disabled={busy} onClick={() => setMode('return')}>
              {t('sendBack')}
            </button>
          </>
        ) : null}
        {mode === 'edit' ? (
          <>
            <button
              type="button"
              className="primary"
              disabled={busy || !draft.trim()}
              onClick={() => void run(() => repliesApi.approve(item.id, draft))}
            >
              {t('saveApprove')}
            </button>
            <button type="button" onClick={() => setMode('view')}>
              {t('cancel')}
            </button>
          </>
        ) : null}
        {mode === 'return' ? (
          <>
            <button
              type="button"
              className="primary"
              disabled={busy || !comment.trim()}
              title={comment.trim() ? undefined : t('commentNeeded')}
              onClick={() => void run(() => repliesApi.sendBack(item.id, comment))}
            >
              {t('sendBack')}
            </button>
            <button type="button" onClick={() => setMode('view')}>
              {t('cancel')}
            </button>
          </>
        ) : null}
        {props.children}
      </div>
    </li>
  );
}
