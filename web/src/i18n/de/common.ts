import type { common as en } from '../en/common.js';

/** Gemeinsame Wörter aller Ansichten. */
export const common: Record<keyof typeof en, string> = {
  save: 'Speichern',
  cancel: 'Abbrechen',
  close: 'Schließen',
  delete: 'Löschen',
  edit: 'Bearbeiten',
  undo: 'Rückgängig',
  loading: 'Wird geladen…',
  retry: 'Erneut versuchen',
  language: 'Sprache',
  languageAuto: 'Wie dieser Browser',
  dismiss: 'Ausblenden',
  notSaved: 'Nicht gespeichert. Bitte erneut versuchen.',
  didNotWork: 'Das hat nicht geklappt. Bitte erneut versuchen.',
  somethingWrong: 'etwas ist schiefgegangen',
  appLoading: 'Rapport wird geladen…',
  unavailableTitle: 'Rapport ist nicht erreichbar',
  cannotReachServer:
    'Der Rapport-Server ist nicht erreichbar. Prüfen Sie die Verbindung und versuchen Sie es erneut.',
  serverError: 'Der Server hat mit einem Fehler geantwortet: {{message}}',
  sessionEnded: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
  networkProblem:
    'der Rapport-Server ist nicht erreichbar (er startet vielleicht neu, oder dieses Gerät ist offline)',
  pageTitle: 'Rapport-Posteingang',
};
