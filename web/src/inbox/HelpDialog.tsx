import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../i18n/index.js';

const singleKeys: [string, string][] = [
  ['j / k', 'keyNext'],
  ['Enter', 'keyOpen'],
  ['r', 'keyReply'],
  ['n', 'keyNote'],
  ['/', 'keySearch'],
  ['?', 'keyHelp'],
];

const chords: [string, string][] = [
  ['Ctrl/⌘ + Enter', 'keySend'],
  ['Ctrl/⌘ + Shift + E', 'keyResolve'],
  ['Esc', 'keyEsc'],
];

/**
 * The keyboard shortcut sheet, as a native modal dialog (focus trapped, Esc closes), with the
 * person's own switch for single-key shortcuts (saved on the server, WCAG 2.1.4).
 */
export function HelpDialog(props: {
  onClose: () => void;
  singleKeys: boolean;
  onSingleKeys: (on: boolean) => Promise<void>;
}) {
  const t = useT('inbox');
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const row = ([key, what]: [string, string]) => (
    <div key={key} className="help-row">
      <dt>
        <kbd>{key}</kbd>
      </dt>
      <dd>{t(what)}</dd>
    </div>
  );
  return (
    <dialog ref={ref} className="help" aria-labelledby="help-title" onClose={props.onClose}>
      <h2 id="help-title">{t('shortcuts')}</h2>
      <div className="help-toggle">
        <input
          id={`${id}-single`}
          type="checkbox"
          checked={props.singleKeys}
          onChange={(e) => {
            setError(null);
            props.onSingleKeys(e.target.checked).catch(() => setError(t('common:notSaved')));
          }}
        />
        <label htmlFor={`${id}-single`}>{t('useSingleKeys')}</label>
        <p className="muted small">{t('singleKeysHelp')}</p>
      </div>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
      <dl className={props.singleKeys ? '' : 'help-off'}>{singleKeys.map(row)}</dl>
      <dl>{chords.map(row)}</dl>
      <button type="button" className="primary" onClick={() => ref.current?.close()}>
        {t('common:close')}
      </button>
    </dialog>
  );
}
