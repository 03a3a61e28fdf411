const ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
// "Tue Oct 31 22:10:47 +0000 2017" (Twitter's API and its public dumps)
const TWITTER = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{1,2}) (\d{2}:\d{2}:\d{2}) ([+-]\d{4}) (\d{4})$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Parses the timestamp forms real exports use into epoch ms: ISO 8601 with a zone
 * ("2017-10-31T22:08:27Z", "2015-02-24 11:35:52 -0800") and Twitter's "Tue Oct 31 22:10:47 +0000 2017".
 * A time without a zone is refused (its meaning depends on the machine). Returns null when unparseable.
 */
export function parseTimestamp(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? Math.round(value) : null;
  const s = value.trim();
  if (ISO.test(s)) {
    const normalised = s.replace(' ', 'T').replace(/ ?([+-]\d{2}):?(\d{2})$/, '$1:$2');
    const ms = Date.parse(normalised);
    return Number.isNaN(ms) ? null : ms;
  }
  const m = TWITTER.exec(s);
  if (m) {
    const month = MONTHS.indexOf(m[1]!);
    if (month < 0) return null;
    const iso = `${m[5]}-${String(month + 1).padStart(2, '0')}-${m[2]!.padStart(2, '0')}T${m[3]}${m[4]!.slice(0, 3)}:${m[4]!.slice(3)}`;
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}
