import type { settings as en } from '../en/settings.js';

/** Die eigenen Einstellungen einer Person. */
export const settings: Record<keyof typeof en, string> = {
  title: 'Ihre Einstellungen',
  colours: 'Farben',
  themeSystem: 'Wie dieses Gerät',
  themeLight: 'Hell',
  themeDark: 'Dunkel',
  languageEn: 'English (Englisch)',
  languageDe: 'Deutsch',
  sound: 'Ton bei dringenden Meldungen',
  soundHelp: 'Solange Rapport geöffnet ist, ertönt bei verärgerten oder überfälligen Kunden ein Signal.',
  keys: 'Einzeltasten-Kürzel verwenden',
  keysHelp: 'Schalten Sie sie aus, wenn versehentliche Tastendrücke stören.',
  allShortcuts: 'Alle Tastenkürzel anzeigen',
  savedEverywhere: 'Für Sie auf jedem Gerät gespeichert.',
};
