import type { today as en } from '../en/today.js';

/** Heute: wen das Team ansprechen sollte und warum. */
export const today: Record<keyof typeof en, string> = {
  navTitle: 'Heute',
  title: 'Heute',
  intro: 'Wen Sie heute ansprechen sollten und warum. Das Wichtigste zuerst.',
  remaining: 'Noch {{count}} von {{limit}} Vorschlägen für heute.',
  empty: 'Gerade ist niemand anzusprechen.',
  someone: 'Jemand',
  kind_occasion: 'Anlass',
  kind_commitment: 'Versprechen halten',
  kind_complaint_checkin: 'Nachfragen',
  kind_quiet_advocate: 'Einfach so',
  kind_churn_risk: 'Abwanderungsgefährdet',
  write: 'Persönliche Nachricht schreiben',
  writeOn: 'Auf {{channel}} schreiben',
  logCard: 'Karte als verschickt festhalten',
  snooze: 'Einen Tag zurückstellen',
  dismiss: 'Verwerfen',
  cardLogged: 'Karte für {{name}} festgehalten.',
  snoozed: '{{name}} bis morgen zurückgestellt.',
  dismissed: '{{name}} verworfen.',
};
