import { useEffect, useState } from 'react';
import { useT } from '../i18n/index.js';
import { repliesApi } from '../replies/api.js';
import type { SlashReplies } from './useSlashReplies.js';

/** The saved replies matching what follows `/`, as a listbox under the reply box (keys or taps). */
export function SlashMenu({ slash }: { slash: SlashReplies }) {
  const t = useT('replies');
  if (!slash.open) return null;
  return (
    <div id={slash.menuId} className="mentions slash-menu" role="listbox" aria-label={t('slashLabel')}>
      {slash.options.length === 0 ? (
        <p className="muted small">{t('slashEmpty', { query: slash.query })}</p>
      ) : (
        slash.options.map((s, i) => (
          <div
            key={s.id}
            id={`${slash.menuId}-o${i}`}
            role="option"
            tabIndex={-1}
            aria-selected={i === slash.active}
            // keeps focus in the reply box; the click (or tap) picks
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => void slash.pick(s)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void slash.pick(s);
            }}
          >
            <strong>/{s.shortcut}</strong> {s.title}
          </div>
        ))
      )}
    </div>
  );
}

/**
 * What the agent should know before sending a reply written from a saved reply (variables left to
 * fill, a form letter in the making, a reply held for approval or refused), and the signature button.
 */
export function ReplyNotices(props: {
  slash: SlashReplies;
  notice: string | null;
  onSign: (signature: string) => void;
}) {
  const t = useT('replies');
  const [signature, setSignature] = useState<string | null>(null);
  useEffect(() => {
    repliesApi.myVoice().then(
      (a) => setSignature(a.voice.signature),
      () => setSignature(null),
    );
  }, []);
  const { slash } = props;
  return (
    <>
      {slash.unfilled.length ? (
        <p className="warning-text small" role="status">
          {t('unfilled', { names: slash.unfilled.map((n) => `{${n}}`).join(', ') })}
        </p>
      ) : null}
      {slash.formLetterRisk ? (
        <p className="warning-text small" role="status">
          {t('usedToday')}
        </p>
      ) : null}
      {slash.failed ? (
        <p className="error-text small" role="alert">
          {t('failed', { message: slash.failed })}
        </p>
      ) : null}
      {props.notice ? (
        <p className="muted small" role="status">
          {props.notice}
        </p>
      ) : null}
      {signature ? (
        <button type="button" className="ghost small" onClick={() => props.onSign(signature)}>
          {t('addSignature')}
        </button>
      ) : null}
    </>
  );
}
