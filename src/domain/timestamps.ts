// "2017-10-31T22:08:27Z", "2015-02-24 11:35:52 -0800", "2017-10-31T22:08:27.5+01:00"
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)? ?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/i;
// "Tue Oct 31 22:10:47 +0000 2017" (Twitter's API and its public dumps)
const TWITTER =
  /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The earliest moment Rapport stores: 1970-01-01T00:00:00Z. */
export const EARLIEST_MS = 0;
/** The first moment Rapport no longer stores: 2100-01-01T00:00:00Z (nothing real is dated later). */
export const LATEST_MS = Date.UTC(2100, 0, 1);
/**
 * Numbers below this (1e11 ms is 1973-03-03; 1e11 s would be the year 5138) are epoch seconds sent
 * where milliseconds belong, the usual mistake; they are refused rather than stored in 1970.
 */
export const SECONDS_BELOW = 1e11;

/** Why a timestamp was refused, in words the sender can act on. */
export type TimestampProblem = 'unparseable' | 'out_of_range' | 'seconds';

/** A checked timestamp: epoch ms, or the problem. */
export type TimestampCheck = { ok: true; ms: number } | { ok: false; problem: TimestampProblem };

/** Whether epoch ms lies in the range Rapport stores ([1970-01-01, 2100-01-01), see LATEST_MS). */
export function inStoredRange(ms: number): boolean {
  return Number.isFinite(ms) && ms >= EARLIEST_MS && ms < LATEST_MS;
}

/**
 * Reads a timestamp as the message format allows it: a string in one of the forms parseTimestamp
 * reads, or a number of epoch milliseconds. Dates before 1970 or from 2100 on are refused (a
 * `1e20` would otherwise sort first forever, and PostgreSQL's bigint cannot hold every double),
 * and so are numbers that look like epoch seconds (see SECONDS_BELOW), on every engine alike.
 */
export function checkTimestamp(value: string | number): TimestampCheck {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, problem: 'unparseable' };
    if (value < 0 || value >= LATEST_MS) return { ok: false, problem: 'out_of_range' };
    if (value < SECONDS_BELOW) return { ok: false, problem: 'seconds' };
    return { ok: true, ms: Math.round(value) };
  }
  const ms = parseForm(value);
  if (ms === null) return { ok: false, problem: 'unparseable' };
  return inStoredRange(ms) ? { ok: true, ms } : { ok: false, problem: 'out_of_range' };
}

/** What to tell the sender about a refused timestamp in `field`. */
export function timestampMessage(field: string, value: unknown, problem: TimestampProblem): string {
  if (problem === 'seconds') {
    return `${field} ${String(value)} looks like epoch seconds; numbers are epoch milliseconds (from 1973-03-03 on): send ${Math.round(Number(value) * 1000)} or an ISO 8601 string`;
  }
  if (problem === 'out_of_range') return `${field} must be between 1970-01-01 and 2100-01-01 (UTC)`;
  return `${field} must be ISO 8601 with a time zone`;
}

/**
 * Parses the timestamp forms real exports use into epoch ms: ISO 8601 with a zone
 * ("2017-10-31T22:08:27Z", "2015-02-24 11:35:52 -0800") and Twitter's "Tue Oct 31 22:10:47 +0000 2017".
 * A time without a zone is refused (its meaning depends on the machine), and so is a date that does
 * not exist (Date.parse would roll 30 February over into March). Numbers are epoch ms. Returns null
 * when unparseable or outside the stored range (see checkTimestamp for the reason).
 */
export function parseTimestamp(value: string | number): number | null {
  const checked = checkTimestamp(value);
  return checked.ok ? checked.ms : null;
}

function parseForm(value: string): number | null {
  const s = value.trim();
  const iso = ISO.exec(s);
  if (iso) {
    const [, y, mo, d, h, mi, sec, frac, z, sign, oh, om] = iso;
    const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
    return utcMs([+y!, +mo!, +d!, +h!, +mi!, sec ? +sec : 0, ms], z ? 0 : offsetMinutes(sign!, oh!, om!));
  }
  const tw = TWITTER.exec(s);
  if (tw) {
    const [, mon, d, h, mi, sec, sign, oh, om, y] = tw;
    const month = MONTHS.indexOf(mon!) + 1;
    if (month === 0) return null;
    return utcMs([+y!, month, +d!, +h!, +mi!, +sec!, 0], offsetMinutes(sign!, oh!, om!));
  }
  return null;
}

function offsetMinutes(sign: string, hours: string, minutes: string): number | null {
  if (+hours > 23 || +minutes > 59) return null;
  return (sign === '-' ? -1 : 1) * (+hours * 60 + +minutes);
}

/** Epoch ms of a local date-time at `offset` minutes east of UTC, or null if no such moment exists. */
function utcMs([year, month, day, hour, minute, second, ms]: number[], offset: number | null): number | null {
  if (offset === null || month! < 1 || month! > 12 || hour! > 23 || minute! > 59 || second! > 59) return null;
  // Date.UTC reads years 0-99 as 1900-1999; every year before 1000 is out of range anyway
  if (year! < 1000) return Number.NEGATIVE_INFINITY;
  const local = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!, ms!);
  // Date.UTC rolls an impossible day over into the next month; such a date is refused instead
  if (day! < 1 || new Date(local).getUTCDate() !== day) return null;
  return local - offset * 60_000;
}
