import { useCallback, useEffect, useRef, useState } from 'react';
import { applyLanguage } from './language.js';
import { type Preferences, preferencesApi } from './preferences.js';
import { applyTheme } from './theme.js';

/**
 * The signed-in person's settings as state: a change shows at once, is saved on the server and
 * rolled back to the server's copy if saving fails. The colour theme and the language follow the setting (and are
 * remembered on this device for the next load). The ref lets event handlers read the latest.
 */
export function usePreferences(initial: Preferences) {
  const [preferences, setPreferences] = useState(initial);
  const ref = useRef(preferences);
  ref.current = preferences;
  const change = useCallback(
    async (patch: Partial<Preferences>) => {
      setPreferences((p) => ({ ...p, ...patch }));
      try {
        setPreferences((await preferencesApi.update(patch)).preferences);
      } catch (error) {
        setPreferences((await preferencesApi.get().catch(() => null))?.preferences ?? initial);
        throw error;
      }
    },
    [initial],
  );
  useEffect(() => applyTheme(preferences.theme), [preferences.theme]);
  useEffect(() => applyLanguage(preferences.language), [preferences.language]);
  return { preferences, ref, change };
}
