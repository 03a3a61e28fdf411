import { currentLanguage, wordsOf } from '../i18n/index.js';

/** Short durations for dense lists: "45s", "4m", "2h 5m", "3d" (in the language shown). */
export function shortDuration(ms: number): string {
  const t = wordsOf('lib');
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return t('seconds', { n: s });
  const m = Math.floor(s / 60);
  if (m < 60) return t('minutes', { n: m });
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? t('hoursMinutes', { h, m: m % 60 }) : t('hours', { n: h });
  const d = Math.floor(h / 24);
  return h % 24 && d < 3 ? t('daysHours', { d, h: h % 24 }) : t('days', { n: d });
}

/** Where a conversation stands against its first-response due time. */
export type SlaLevel = 'none' | 'met' | 'ok' | 'near' | 'breached';

/** How close to due counts as "near" (amber): the last third of the window, at most 10 minutes. */
const nearMs = 10 * 60_000;

/** The SLA countdown for one conversation: level plus a short label such as "due in 4m". */
export function slaState(
  c: {
    firstResponseDueAt: number | null;
    firstResponseAt: number | null;
    waitingSince: number | null;
    replyDueAt?: number | null;
    /** Snoozed and resolved conversations are not due: nobody is expected to answer them now. */
    status?: string;
  },
  now: number,
): { level: SlaLevel; label: string } {
  const t = wordsOf('lib');
  if (c.status === 'snoozed' || c.status === 'resolved') {
    return c.firstResponseAt !== null ? { level: 'met', label: t('answered') } : { level: 'none', label: '' };
  }
  // the current wait's due time when the server gives one, else the first-response target
  const due = c.replyDueAt ?? (c.firstResponseAt === null ? c.firstResponseDueAt : null);
  if (due === null || c.waitingSince === null) {
    return c.firstResponseAt !== null ? { level: 'met', label: t('answered') } : { level: 'none', label: '' };
  }
  const left = due - now;
  if (left <= 0) return { level: 'breached', label: t('overdue', { time: shortDuration(-left) }) };
  const window = due - c.waitingSince;
  const near = Math.min(nearMs, Math.max(60_000, window / 3));
  return { level: left <= near ? 'near' : 'ok', label: t('dueIn', { time: shortDuration(left) }) };
}

/** "14:05" today, "Mon 14:05" this week, "12 Mar" otherwise. */
export function clockTime(at: number, now = Date.now()): string {
  const d = new Date(at);
  const age = now - at;
  if (age < 20 * 3_600_000 && new Date(now).getDate() === d.getDate()) {
    return d.toLocaleTimeString(currentLanguage(), { hour: '2-digit', minute: '2-digit' });
  }
  if (age < 6 * 86_400_000) {
    return d.toLocaleString(currentLanguage(), { weekday: 'short', hour: '2-digit', minute: '2-digit' });
  }
  return d.toLocaleDateString(currentLanguage(), { day: 'numeric', month: 'short' });
}

/** A time ahead, as a snooze's end reads: "14:05" today, "Tue 09:00" this week, "12 Mar, 09:00" later. */
export function untilTime(at: number, now = Date.now()): string {
  const d = new Date(at);
  const n = new Date(now);
  const time = { hour: '2-digit', minute: '2-digit' } as const;
  if (d.toDateString() === n.toDateString()) return d.toLocaleTimeString(currentLanguage(), time);
  if (at - now < 6 * 86_400_000) return d.toLocaleString(currentLanguage(), { weekday: 'short', ...time });
  return d.toLocaleString(currentLanguage(), { day: 'numeric', month: 'short', ...time });
}

/** Full timestamp for titles and screen readers. */
export function fullTime(at: number): string {
  return new Date(at).toLocaleString(currentLanguage());
}
