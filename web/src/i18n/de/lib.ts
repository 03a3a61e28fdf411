import type { lib as en } from '../en/lib.js';

/** Dauern, Fälligkeiten und Namen Unbekannter, wie jede Ansicht sie nennt. */
export const lib: Record<keyof typeof en, string> = {
  seconds: '{{n}} s',
  minutes: '{{n}} min',
  hours: '{{n}} h',
  hoursMinutes: '{{h}} h {{m}} min',
  days: '{{n}} T.',
  daysHours: '{{d}} T. {{h}} h',
  answered: 'beantwortet',
  overdue: 'überfällig seit {{time}}',
  dueIn: 'fällig in {{time}}',
  websiteVisitor: 'Website-Besucher',
  unknownContact: 'Unbekannter Kontakt',
};
