import { useEffect, useId, useRef, useState } from 'react';
import type { Preferences } from './preferences.js';
import type { ThemeChoice } from './theme.js';

const themes: [ThemeChoice, string][] = [
  ['system', 'Same as this device'],
  ['light', 'Light'],
  ['dark', 'Dark'],
];

/**
 * The person's own settings (colours, urgent-alert sound, single-key shortcuts) as a native modal
 * dialog. Each change applies at once and is saved on the server, so it follows them to every device.
 */
export function SettingsDialog(props: {
  preferences: Preferences;
  onChange: (patch: Partial<Preferences>) => Promise<void>;
  onClose: () => void;
  /** Opens the keyboard shortcut sheet (its own button is folded away on a phone). */
  onShortcuts: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const change = (patch: Partial<Preferences>) => {
    setError(null);
    props.onChange(patch).catch(() => setError('Not saved. Try again.'));
  };
  const { preferences } = props;
  return (
    <dialog ref={ref} className="help settings" aria-labelledby={`${id}-title`} onClose={props.onClose}>
      <h2 id={`${id}-title`}>Your settings</h2>
      <fieldset className="settings-group">
        <legend>Colours</legend>
        {themes.map(([value, label]) => (
          <label key={value} className="settings-choice">
            <input
              type="radio"
              name={`${id}-theme`}
              value={value}
              checked={preferences.theme === value}
              onChange={() => change({ theme: value })}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <div className="help-toggle">
        <input
          id={`${id}-sound`}
          type="checkbox"
          checked={preferences.urgentSound}
          onChange={(e) => change({ urgentSound: e.target.checked })}
        />
        <label htmlFor={`${id}-sound`}>Play a sound for urgent alerts</label>
        <p className="muted small">While Rapport is open, an angry or overdue customer chimes once.</p>
      </div>
      <div className="help-toggle">
        <input
          id={`${id}-keys`}
          type="checkbox"
          checked={preferences.keyboardShortcuts}
          onChange={(e) => change({ keyboardShortcuts: e.target.checked })}
        />
        <label htmlFor={`${id}-keys`}>Use single-key shortcuts</label>
        <p className="muted small">Turn them off if stray key presses get in your way.</p>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            ref.current?.close();
            props.onShortcuts();
          }}
        >
          See all keyboard shortcuts
        </button>
      </div>
      <p className="muted small">Saved for you on every device.</p>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
      <button type="button" className="primary" onClick={() => ref.current?.close()}>
        Close
      </button>
    </dialog>
  );
}
