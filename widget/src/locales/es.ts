import type { WidgetWords } from './en.js';

/** The widget's words in Spanish. */
export const es: WidgetWords = {
  openChat: 'Abrir chat',
  closeChat: 'Cerrar chat',
  reconnecting: 'Reconectando…',
  noOneFree: 'Ahora mismo no hay nadie disponible.',
  typeMessage: 'Escribe tu mensaje',
  leaveEmail: 'Deja tu correo',
  leaveEmailWhy: 'Deja tu correo y te responderemos allí si ya te has ido.',
  nameOptional: 'Tu nombre (opcional)',
  email: 'Tu correo electrónico',
  notNow: 'Ahora no',
  save: 'Guardar',
  send: 'Enviar',
  sending: 'Enviando…',
  notSent: 'No enviado: {{reason}}',
  thanksEmail: '¡Gracias! Si ya te has ido, te responderemos a {{email}}.',
  defaultBrandName: 'Escríbenos',
  defaultGreeting: '¡Hola! ¿En qué podemos ayudarte?',
  unread_one: '{{count}} mensaje nuevo',
  unread_other: '{{count}} mensajes nuevos',
  error: {
    rate_limited: 'Estás enviando mensajes demasiado rápido. Espera un momento, por favor.',
    validation_failed: 'Este mensaje no se pudo enviar tal como está.',
    internal: 'Algo salió mal. Inténtalo de nuevo.',
  },
};
