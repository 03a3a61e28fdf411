/**
 * Contacts as CSV rows (import and export): which columns there are, how a row becomes a person
 * (name, email addresses, handles, birthday, customer since, notes), and why a row is rejected.
 * Pure: the import command reads the file and the store writes what these functions accept.
 */
import { normalEmail } from './identity-keys.js';

/** The columns of an export, and the ones an import understands (header names, any order). */
export const CONTACT_CSV_COLUMNS = [
  'id',
  'name',
  'emails',
  'handles',
  'birthday',
  'customer_since',
  'notes',
  'lifecycle',
  'last_contact',
] as const;

/** A day of the year, with the year when known. */
export interface CsvDate {
  month: number;
  day: number;
  year: number | null;
}

/** A person an import row describes. */
export interface ImportedPerson {
  name: string | null;
  emails: string[];
  handles: { channel: string; handle: string }[];
  birthday: CsvDate | null;
  customerSince: CsvDate | null;
  notes: string | null;
}

/** A row's outcome: a person, or why it was rejected. */
export type RowResult = { ok: true; person: ImportedPerson } | { ok: false; reason: string };

const list = (value: string | undefined) =>
  (value ?? '')
    .split(/[;,\s]+/)
    .map((v) => v.trim())
    .filter(Boolean);

/** `YYYY-MM-DD`, `--MM-DD` or `MM-DD` (a birthday without the year), or null when it is none. */
export function parseCsvDate(value: string): CsvDate | null {
  const m = /^(?:(\d{4})-|-{0,2})(\d{1,2})-(\d{1,2})$/.exec(value.trim());
  if (!m) return null;
  const year = m[1] ? Number(m[1]) : null;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year ?? 2024, month, 0)).getUTCDate()) return null;
  if (year !== null && (year < 1900 || year > 2200)) return null;
  return { month, day, year };
}

/** Reads one CSV record (header → value) into a person, or says why not. */
export function parseContactRow(record: Record<string, string | undefined>): RowResult {
  const get = (k: string) => record[k]?.trim() ?? '';
  const name = get('name').slice(0, 200) || null;
  const emails: string[] = [];
  for (const raw of list(get('emails') || get('email'))) {
    const email = normalEmail(raw);
    if (!email) return { ok: false, reason: `not an email address: ${raw.slice(0, 80)}` };
    if (!emails.includes(email)) emails.push(email);
  }
  const handles: ImportedPerson['handles'] = [];
  for (const raw of list(get('handles'))) {
    const m = /^([a-z][a-z0-9_-]{0,49}):@?(.{1,200})$/i.exec(raw);
    if (!m)
      return {
        ok: false,
        reason: `a handle needs its channel, like bluesky:ann.bsky.social: ${raw.slice(0, 80)}`,
      };
    handles.push({ channel: m[1]!.toLowerCase(), handle: m[2]! });
  }
  const date = (key: string) => {
    const v = get(key);
    if (!v) return { ok: true as const, value: null };
    const parsed = parseCsvDate(v);
    return parsed
      ? { ok: true as const, value: parsed }
      : { ok: false as const, reason: `not a date in ${key}: ${v.slice(0, 40)}` };
  };
  const birthday = date('birthday');
  if (!birthday.ok) return birthday;
  const since = date('customer_since');
  if (!since.ok) return since;
  if (since.value && since.value.year === null) return { ok: false, reason: 'customer_since needs a year' };
  if (!name && emails.length === 0 && handles.length === 0) {
    return { ok: false, reason: 'a row needs a name, an email address or a handle' };
  }
  if (emails.length === 0 && handles.length === 0) {
    return {
      ok: false,
      reason: 'a row needs an email address or a handle to be found again on the next import',
    };
  }
  return {
    ok: true,
    person: {
      name,
      emails,
      handles,
      birthday: birthday.value,
      customerSince: since.value,
      notes: get('notes').slice(0, 5000) || null,
    },
  };
}

/** A date as an export writes it. */
export function formatCsvDate(d: CsvDate): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return d.year === null ? `${two(d.month)}-${two(d.day)}` : `${d.year}-${two(d.month)}-${two(d.day)}`;
}
