import { useEffect, useId, useRef, useState } from 'react';

const singleKeys: [string, string][] = [
  ['j / k', 'Next / previous conversation'],
  ['Enter', 'Open the selected conversation'],
  ['r', 'Reply'],
  ['n', 'Private note (type @ to mention a teammate)'],
  ['/', 'Search'],
  ['?', 'This help'],
];

const chords: [string, string][] = [
  ['Ctrl/⌘ + Enter', 'Send the reply or note'],
  ['Ctrl/⌘ + Shift + E', 'Resolve the open conversation (you can undo it)'],
  ['Esc', 'Leave a field, close this help, back to the list on a phone'],
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
      <dd>{what}</dd>
    </div>
  );
  return (
    <dialog ref={ref} className="help" aria-labelledby="help-title" onClose={props.onClose}>
      <h2 id="help-title">Keyboard shortcuts</h2>
      <div className="help-toggle">
        <input
          id={`${id}-single`}
          type="checkbox"
          checked={props.singleKeys}
          onChange={(e) => {
            setError(null);
            props.onSingleKeys(e.target.checked).catch(() => setError('Not saved. Try again.'));
          }}
        />
        <label htmlFor={`${id}-single`}>Use single-key shortcuts</label>
        <p className="muted small">
          Turn them off if stray key presses get in your way. Saved for you on every device.
        </p>
      </div>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
      <dl className={props.singleKeys ? '' : 'help-off'}>{singleKeys.map(row)}</dl>
      <dl>{chords.map(row)}</dl>
      <button type="button" className="primary" onClick={() => ref.current?.close()}>
        Close
      </button>
    </dialog>
  );
}
