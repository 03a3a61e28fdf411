import type { guidelines as en } from '../en/guidelines.js';

/** Die Prüfung vor dem Senden, unter dem Antwortfeld (ReplyFindings.tsx). */
export const guidelines: Record<keyof typeof en, string> = {
  label: 'Vor dem Senden',
  warn: 'Bitte prüfen',
  block: 'Verhindert das Senden',
  matched: 'Gefunden',
  tryThis: 'Besser',
  blocked_one: 'blockiert durch {{count}} Hinweis',
  blocked_other: 'blockiert durch {{count}} Hinweise',
  reason: 'Grund für einen privaten Kanal',
  reasonNone: 'Kein Grund (öffentlich helfen)',
  reason_account_details: 'Kontodaten',
  reason_legal: 'Rechtliches',
  reason_privacy: 'Datenschutz',
  offline_shunt_title: 'Schickt die Kundin oder den Kunden woandershin',
  offline_shunt_why:
    'Die Antwort verweist auf DM, Telefon, E-Mail, ein Formular, eine Filiale oder ein anderes Team, statt dort zu helfen, wo gefragt wurde.',
  offline_shunt_suggestion:
    'Erst hier antworten. Wenn wirklich private Angaben nötig sind (Konto, Recht, Datenschutz), das sagen und unten den Grund wählen.',
  blame_title: 'Gibt der Kundschaft die Schuld',
  blame_why: 'Die Antwort sagt öffentlich, die Person liege falsch oder habe das Produkt falsch benutzt.',
  blame_suggestion:
    'Die Lösung beschreiben, nicht den Fehler: „Das kann passieren, wenn …; so klappt es wieder.“',
  confidential_title: 'Vertraulich',
  confidential_why:
    'Interne Begriffe, Kartennummern, Kontaktdaten anderer Personen oder interne Links dürfen nie an Kundschaft gehen.',
  confidential_suggestion: 'Weglassen oder sagen, was die Person wissen muss, ohne das interne Detail.',
  form_letter_title: 'Serienbrief',
  form_letter_why:
    'Fast derselbe Text ging kürzlich schon an andere Kundschaft; das wirkt wie eine Abfertigung.',
  form_letter_suggestion: 'Für diese Person umschreiben: ihr Anliegen nennen und was Sie tun werden.',
  not_personal_title: 'Nicht persönlich',
  not_personal_why:
    'Die Antwort greift nichts auf, was die Person geschrieben hat; ein Name oder eine allgemeine Entschuldigung reicht nicht.',
  not_personal_suggestion: 'Das konkrete Problem nennen oder die Frage beantworten.',
  missing_name_title: 'Name nicht verwendet',
  missing_name_why: 'Die Person hat ihren Namen bestätigt, und die Antwort verwendet ihn nicht.',
  missing_name_suggestion: 'Mit dem Namen ansprechen, mit dem die Person angesprochen werden möchte.',
  unsigned_title: 'Nicht unterschrieben',
  unsigned_why:
    'Ihr Team unterschreibt Antworten, damit Kundschaft mit einem Menschen spricht, nicht mit einem Logo.',
  unsigned_suggestion: 'Mit Namen oder Kürzel enden, z. B. „-Sam“ oder „^SK“.',
  tone_title: 'Ton',
  tone_why: 'Großbuchstaben, gehäufte Satzzeichen oder Ironie wirken öffentlich wütend.',
  tone_suggestion: 'In normaler Schreibweise schreiben und klar sagen, was Sie tun können.',
  channel_limit_title: 'Zu lang für den Kanal',
  channel_limit_why: 'Der Kanal nimmt eine so lange Antwort nicht an.',
  channel_limit_suggestion: 'Erst das Wichtigste beantworten und in einer zweiten Antwort nachlegen.',
};
