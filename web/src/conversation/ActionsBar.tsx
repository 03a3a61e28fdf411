import { useId, useState } from 'react';
import { ApiError } from '../api/client.js';
import { api } from '../api/endpoints.js';
import type { ConversationSummary, Label, User } from '../api/types.js';
import { useT, wordsOf } from '../i18n/index.js';
import { untilTime } from '../lib/time.js';
import { resolveKeys } from '../settings/preferences.js';

function snoozeOptions(now: number): { label: string; until: number }[] {
  const tomorrow = new Date(now);
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  const monday = new Date(now);
  monday.setDate(monday.getDate() + ((8 - monday.getDay()) % 7 || 7));
  monday.setHours(9, 0, 0, 0);
  const t = wordsOf('conversation');
  return [
    { label: t('snooze1h'), until: now + 3_600_000 },
    { label: t('snooze4h'), until: now + 4 * 3_600_000 },
    { label: t('snoozeTomorrow'), until: tomorrow.getTime() },
    { label: t('snoozeMonday'), until: monday.getTime() },
  ];
}

/**
 * Assign, label, snooze and resolve/reopen. Every action reports the updated conversation back so
 * the list row changes at once; failures are said in words.
 */
export function ActionsBar(props: {
  conversation: ConversationSummary;
  me: User;
  users: User[];
  labels: Label[];
  onChanged: (c: ConversationSummary) => void;
  /** Resolve: the inbox moves on and offers Undo. */
  onResolve: () => void;
  /** Phone layout: Resolve stays visible, the other actions fold away. */
  narrow: boolean;
}) {
  const c = props.conversation;
  const t = useT('conversation');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [newLabel, setNewLabel] = useState('');
  const id = useId();

  const act = async (run: () => Promise<{ conversation: ConversationSummary }>) => {
    setBusy(true);
    setError(null);
    try {
      const { conversation } = await run();
      props.onChanged(conversation);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common:didNotWork'));
    } finally {
      setBusy(false);
    }
  };

  const resolved = c.status === 'resolved';
  const toggleResolved = () => {
    if (resolved) void act(() => api.setStatus(c.id, 'open'));
    else props.onResolve();
  };

  const addLabel = () => {
    const name = newLabel.trim();
    if (!name) return;
    setNewLabel('');
    void act(() => api.setLabels(c.id, { add: [name] }));
  };

  const others = props.users.filter((u) => u.id !== props.me.id && u.role !== 'viewer');
  const resolveButton = (
    <button
      type="button"
      className={resolved ? '' : 'primary resolve'}
      disabled={busy}
      onClick={toggleResolved}
      aria-keyshortcuts={resolved ? undefined : 'Control+Shift+E Meta+Shift+E'}
    >
      {resolved ? (
        t('reopen')
      ) : (
        <>
          <span aria-hidden="true">✓ </span>
          {t('resolve')} <kbd className="hint">{resolveKeys}</kbd>
        </>
      )}
    </button>
  );
  const controls = (
    <>
      <span className="select-field">
        <label htmlFor={`${id}-assign`}>{t('assignee')}</label>
        <select
          id={`${id}-assign`}
          value={c.assignee ? String(c.assignee.id) : ''}
          onChange={(e) => void act(() => api.assign(c.id, e.target.value ? Number(e.target.value) : null))}
        >
          <option value="">{t('unassigned')}</option>
          <option value={String(props.me.id)}>{t('me', { name: props.me.name })}</option>
          {others.map((u) => (
            <option key={u.id} value={String(u.id)}>
              {u.name}
            </option>
          ))}
          {c.assignee && c.assignee.id !== props.me.id && !others.some((u) => u.id === c.assignee?.id) ? (
            <option value={String(c.assignee.id)}>{c.assignee.name}</option>
          ) : null}
        </select>
      </span>
      <span className="select-field">
        <label htmlFor={`${id}-snooze`}>{t('snooze')}</label>
        <select
          id={`${id}-snooze`}
          value=""
          onChange={(e) => {
            const until = Number(e.target.value);
            if (until) void act(() => api.setStatus(c.id, 'snoozed', until));
          }}
        >
          <option value="">
            {c.status === 'snoozed' && c.snoozedUntil
              ? t('snoozedUntil', { time: untilTime(c.snoozedUntil) })
              : t('snoozeMenu')}
          </option>
          {snoozeOptions(Date.now()).map((o) => (
            <option key={o.label} value={String(o.until)}>
              {o.label}
            </option>
          ))}
        </select>
      </span>
      <div className="labels-edit">
        <span className="sr-only">{t('labels')}</span>
        {c.labels.map((l) => (
          <span key={l} className="badge label chip" dir="auto">
            {l}
            <button
              type="button"
              className="chip-x"
              aria-label={t('removeLabel', { label: l })}
              onClick={() => void act(() => api.setLabels(c.id, { remove: [l] }))}
            >
              ×
            </button>
          </span>
        ))}
        <label htmlFor={`${id}-label`} className="sr-only">
          {t('addLabel')}
        </label>
        <input
          id={`${id}-label`}
          className="label-input"
          list={`${id}-labels`}
          placeholder={t('labelPlaceholder')}
          value={newLabel}
          onChange={(e) => setNewLabel(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              addLabel();
            }
          }}
        />
        <datalist id={`${id}-labels`}>
          {props.labels
            .filter((l) => !c.labels.includes(l.name))
            .map((l) => (
              <option key={l.id} value={l.name} />
            ))}
        </datalist>
      </div>
    </>
  );
  return (
    <div className="actions" aria-busy={busy}>
      {props.narrow ? (
        <>
          {resolveButton}
          <details className="more-actions">
            <summary>{t('moreActions')}</summary>
            <div className="actions">{controls}</div>
          </details>
        </>
      ) : (
        <>
          {controls}
          {resolveButton}
        </>
      )}
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
