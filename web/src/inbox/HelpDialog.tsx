import { useEffect, useRef } from 'react';

const keys: [string, string][] = [
  ['j / k', 'Next / previous conversation'],
  ['Enter', 'Open the selected conversation'],
  ['r', 'Reply'],
  ['n', 'Private note (type @ to mention a teammate)'],
  ['Ctrl/⌘ + Enter', 'Send the reply or note'],
  ['e', 'Resolve the open conversation'],
  ['/', 'Search'],
  ['Esc', 'Leave a field, close this help, back to the list on a phone'],
  ['?', 'This help'],
];

/** The keyboard shortcut sheet, as a native modal dialog (focus trapped, Esc closes). */
export function HelpDialog(props: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} className="help" aria-labelledby="help-title" onClose={props.onClose}>
      <h2 id="help-title">Keyboard shortcuts</h2>
      <dl>
        {keys.map(([key, what]) => (
          <div key={key} className="help-row">
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="primary" onClick={() => ref.current?.close()}>
        Close
      </button>
    </dialog>
  );
}
