// "2017-10-31T22:08:27Z", "2015-02-24 11:35:52 -0800", "2017-10-31T22:08:27.5+01:00"
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)? ?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/i;
// "Tue Oct 31 22:10:47 +0000 2017" (Twitter's API and its public dumps)
const TWITTER =
  /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Parses the timestamp forms real exports use into epoch ms: ISO 8601 with a zone
 * ("2017-10-31T22:08:27Z", "2015-02-24 11:35:52 -0800") and Twitter's "Tue Oct 31 22:10:47 +0000 2017".
 * A time without a zone is refused (its meaning depends on the machine), and so is a date that does
 * not exist (Date.parse would roll 30 February over into March). Returns null when unparseable.
 */
export function parseTimestamp(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? Math.round(value) : null;
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
  if (
    offset === null ||
    year! < 1000 ||
    month! < 1 ||
    month! > 12 ||
    hour! > 23 ||
    minute! > 59 ||
    second! > 59
  )
    return null;
  const local = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!, ms!);
  // Date.UTC rolls an impossible day over into the next month; such a date is refused instead
  if (day! < 1 || new Date(local).getUTCDate() !== day) return null;
  return local - offset * 60_000;
}
