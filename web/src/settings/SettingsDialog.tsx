import { useEffect, useId, useRef, useState } from 'react';
import { type LanguageChoice, useT } from '../i18n/index.js';
import type { Preferences } from './preferences.js';
import type { ThemeChoice } from './theme.js';

const themes: [ThemeChoice, string][] = [
  ['system', 'themeSystem'],
  ['light', 'themeLight'],
  ['dark', 'themeDark'],
];

const languages: [LanguageChoice, string][] = [
  ['auto', 'common:languageAuto'],
  ['en', 'languageEn'],
  ['de', 'languageDe'],
];

/**
 * The person's own settings (colours, language, urgent-alert sound, single-key shortcuts) as a native modal
 * dialog. Each change applies at once and is saved on the server, so it follows them to every device.
 */
export function SettingsDialog(props: {
  preferences: Preferences;
  onChange: (patch: Partial<Preferences>) => Promise<void>;
  onClose: () => void;
  /** Opens the keyboard shortcut sheet (its own button is folded away on a phone). */
  onShortcuts: () => void;
}) {
  const t = useT('settings');
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const change = (patch: Partial<Preferences>) => {
    setError(null);
    props.onChange(patch).catch(() => setError(t('common:notSaved')));
  };
  const { preferences } = props;
  return (
    <dialog ref={ref} className="help settings" aria-labelledby={`${id}-title`} onClose={props.onClose}>
      <h2 id={`${id}-title`}>{t('title')}</h2>
      <fieldset className="settings-group">
        <legend>{t('colours')}</legend>
        {themes.map(([value, label]) => (
          <label key={value} className="settings-choice">
            <input
              type="radio"
              name={`${id}-theme`}
              value={value}
              checked={preferences.theme === value}
              onChange={() => change({ theme: value })}
            />
            {t(label)}
          </label>
        ))}
      </fieldset>
      <fieldset className="settings-group">
        <legend>{t('common:language')}</legend>
        {languages.map(([value, label]) => (
          <label key={value} className="settings-choice" lang={value === 'auto' ? undefined : value}>
            <input
              type="radio"
              name={`${id}-language`}
              value={value}
              checked={preferences.language === value}
              onChange={() => change({ language: value })}
            />
            {t(label)}
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
        <label htmlFor={`${id}-sound`}>{t('sound')}</label>
        <p className="muted small">{t('soundHelp')}</p>
      </div>
      <div className="help-toggle">
        <input
          id={`${id}-keys`}
          type="checkbox"
          checked={preferences.keyboardShortcuts}
          onChange={(e) => change({ keyboardShortcuts: e.target.checked })}
        />
        <label htmlFor={`${id}-keys`}>{t('keys')}</label>
        <p className="muted small">{t('keysHelp')}</p>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            ref.current?.close();
            props.onShortcuts();
          }}
        >
          {t('allShortcuts')}
        </button>
      </div>
      <p className="muted small">{t('savedEverywhere')}</p>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
      <button type="button" className="primary" onClick={() => ref.current?.close()}>
        {t('common:close')}
      </button>
    </dialog>
  );
}
