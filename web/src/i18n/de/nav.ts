import type { nav as en } from '../en/nav.js';

/** Navigation zwischen den Seiten der App. */
export const nav: Record<keyof typeof en, string> = {
  label: 'Seiten',
  inbox: 'Posteingang',
  notFoundTitle: 'Seite nicht gefunden',
  notFoundText: 'Unter dieser Adresse gibt es keine Seite.',
  backToInbox: 'Zurück zum Posteingang',
  skipToContent: 'Zum Inhalt springen',
  signOut: 'Abmelden',
  onCall: 'Bereitschaft',
  alerts: 'Alarme',
};
