import type { WidgetWords } from './en.js';

/** The widget's words in German. */
export const de: WidgetWords = {
  openChat: 'Chat öffnen',
  closeChat: 'Chat schließen',
  reconnecting: 'Verbindung wird wiederhergestellt…',
  noOneFree: 'Gerade ist niemand frei.',
  typeMessage: 'Ihre Nachricht',
  leaveEmail: 'E-Mail-Adresse hinterlassen',
  leaveEmailWhy:
    'Hinterlassen Sie Ihre E-Mail-Adresse, dann antworten wir Ihnen dort, falls Sie schon weg sind.',
  nameOptional: 'Ihr Name (freiwillig)',
  email: 'Ihre E-Mail-Adresse',
  notNow: 'Jetzt nicht',
  save: 'Speichern',
  send: 'Senden',
  sending: 'Wird gesendet…',
  notSent: 'Nicht gesendet: {{reason}}',
  thanksEmail: 'Danke! Falls Sie schon weg sind, antworten wir an {{email}}.',
  defaultBrandName: 'Schreiben Sie uns',
  defaultGreeting: 'Hallo! Wie können wir helfen?',
  unread_one: '{{count}} neue Nachricht',
  unread_other: '{{count}} neue Nachrichten',
  error: {
    rate_limited: 'Sie senden zu schnell hintereinander. Bitte warten Sie einen Moment.',
    validation_failed: 'Diese Nachricht konnte so nicht gesendet werden.',
    internal: 'Etwas ist schiefgegangen. Bitte versuchen Sie es noch einmal.',
  },
};
