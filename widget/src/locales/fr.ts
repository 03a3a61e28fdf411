import type { WidgetWords } from './en.js';

/** The widget's words in French. */
export const fr: WidgetWords = {
  openChat: 'Ouvrir le chat',
  closeChat: 'Fermer le chat',
  reconnecting: 'Reconnexion…',
  noOneFree: "Personne n'est disponible pour le moment.",
  typeMessage: 'Votre message',
  leaveEmail: 'Laisser votre e-mail',
  leaveEmailWhy: 'Laissez votre adresse e-mail et nous vous répondrons par e-mail si vous êtes parti.',
  nameOptional: 'Votre nom (facultatif)',
  email: 'Votre adresse e-mail',
  notNow: 'Pas maintenant',
  save: 'Enregistrer',
  send: 'Envoyer',
  sending: 'Envoi…',
  notSent: 'Non envoyé : {{reason}}',
  thanksEmail: 'Merci ! Si vous êtes parti, nous vous répondrons à {{email}}.',
  defaultBrandName: 'Écrivez-nous',
  defaultGreeting: 'Bonjour ! Comment pouvons-nous vous aider ?',
  unread_one: '{{count}} nouveau message',
  unread_other: '{{count}} nouveaux messages',
  error: {
    rate_limited: 'Vous envoyez des messages trop vite. Merci de patienter un instant.',
    validation_failed: "Ce message n'a pas pu être envoyé tel quel.",
    internal: "Une erreur s'est produite. Veuillez réessayer.",
  },
};
