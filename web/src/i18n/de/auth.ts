import type { auth as en } from '../en/auth.js';

/** Anmelden und das erste Administratorkonto anlegen. */
export const auth: Record<keyof typeof en, string> = {
  welcome: 'Willkommen! Legen Sie das erste Administratorkonto an, um Kunden zu antworten.',
  signInIntro: 'Melden Sie sich bei Ihrem Posteingang an.',
  yourName: 'Ihr Name',
  email: 'E-Mail',
  password: 'Passwort',
  passwordNew: 'Passwort (mindestens 10 Zeichen)',
  passwordTooShort: 'Wählen Sie ein Passwort mit mindestens 10 Zeichen.',
  wait: 'Bitte warten…',
  createAdmin: 'Administratorkonto anlegen',
  signIn: 'Anmelden',
  failed: 'Etwas ist schiefgegangen. Bitte erneut versuchen.',
  offline: 'Der Server ist nicht erreichbar. Prüfen Sie die Verbindung.',
  wrong: 'E-Mail-Adresse oder Passwort stimmt nicht.',
  tooMany: 'Zu viele Versuche. Warten Sie eine Minute und versuchen Sie es erneut.',
  exists: 'Es gibt bereits ein Konto. Laden Sie die Seite neu, um sich anzumelden.',
};
