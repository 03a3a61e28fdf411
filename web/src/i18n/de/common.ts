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
};
