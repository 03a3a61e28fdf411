import { currentLanguage } from '../i18n/index.js';

/** A date as the reader's language writes it ("5 Dec 2026"). */
export function shortDate(at: number): string {
  return new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium' }).format(at);
}

/** A date and time as the reader's language writes it. */
export function dateTime(at: number): string {
  return new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/** Whole days between two times (never negative). */
export function daysBetween(from: number, to: number): number {
  return Math.max(0, Math.floor((to - from) / 86_400_000));
}

/** The message of anything thrown, for an alert. */
export function problem(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
