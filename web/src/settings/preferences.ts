import { userRoutes } from '../../../src/server/routes/users.schema.js';
import { call } from '../api/client.js';
import type { LanguageChoice } from '../i18n/index.js';
import type { ThemeChoice } from './theme.js';

/** A person's own settings, kept on the server so they follow them from laptop to phone. */
export interface Preferences {
  /** Single-key shortcuts (j, k, r, n, /, ?). */
  keyboardShortcuts: boolean;
  /** Colours: the device's choice, or always light or dark. */
  theme: ThemeChoice;
  /** A short sound when an urgent alert arrives (off by default). */
  urgentSound: boolean;
  /** The first-run checklist, put away by this person. */
  checklistDismissed: boolean;
  /** The app's language: the browser's, or always English or German. */
  language: LanguageChoice;
}

/** What the app assumes until the server has answered (and if it cannot). */
export const defaultPreferences: Preferences = {
  keyboardShortcuts: true,
  theme: 'system',
  urgentSound: false,
  checklistDismissed: false,
  language: 'auto',
};

/** GET/PATCH /api/v1/me/preferences, from the server's contracts. */
export const preferencesApi = {
  get: () => call(userRoutes.getPreferences),
  update: (patch: Partial<Preferences>) => call(userRoutes.updatePreferences, { body: patch }),
};

/** The caller's settings, or the defaults when they cannot be read (the app still works). */
export async function loadPreferences(): Promise<Preferences> {
  try {
    return (await preferencesApi.get()).preferences;
  } catch {
    return defaultPreferences;
  }
}

/** The resolve shortcut as this computer spells it. */
export const resolveKeys =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘⇧E' : 'Ctrl+Shift+E';
