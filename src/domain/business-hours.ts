/**
 * Business time: when the team is at work, in its own time zone, so an SLA that counts business
 * hours stops at closing time, over the weekend and on holidays, and follows daylight-saving changes.
 * Pure: time zones come from Intl (the platform's tz database), nothing is read from the clock.
 */

/** The weekdays as the API names them, Sunday first (Date's getUTCDay order). */
export const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof weekdays)[number];

/** One opening span of a day, in minutes after local midnight (end may be 1440: until midnight). */
export interface OpenSpan {
  start: number;
  end: number;
}

/** A team's hours: an IANA time zone, the spans of each weekday, and dates it is closed. */
export interface BusinessCalendar {
  timeZone: string;
  weekly: Record<Weekday, OpenSpan[]>;
  /** Local dates (YYYY-MM-DD) the team is closed all day. */
  holidays: string[];
}

/** A stretch of time the clock does not run (a snooze): [from, to), `to` null while it lasts. */
export type PauseInterval = readonly [number, number | null];

/** How far ahead due times are looked for; a calendar with no open hour in that long never falls due. */
const HORIZON_DAYS = 400;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether Intl knows this IANA time zone name (the API refuses others). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(timeZone: string, at: number): LocalTime {
  const out: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return out as unknown as LocalTime;
}

/** The zone's offset from UTC at instant `at`, in ms (positive east of Greenwich). */
function offsetAt(timeZone: string, at: number): number {
  const l = localParts(timeZone, at);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  return asUtc - (at - (((at % 1000) + 1000) % 1000));
}

/**
 * The instant a local wall-clock time happens in `timeZone`. A time skipped by a spring-forward
 * change is read with the offset before the change (02:30 becomes 03:30, as Temporal's
 * "compatible" does); one repeated in autumn maps to its first occurrence.
 */
export function localToInstant(timeZone: string, year: number, month: number, day: number, minutes: number) {
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  const early = wall - offsetAt(timeZone, wall - 12 * 3_600_000);
  const late = wall - offsetAt(timeZone, wall + 12 * 3_600_000);
  const shows = (t: number) => t + offsetAt(timeZone, t) === wall;
  if (shows(early) && shows(late)) return Math.min(early, late);
  if (shows(early)) return early;
  if (shows(late)) return late;
  return early;
}

/** The open spans of a calendar from the local day containing `from` onwards, as instants. */
function* openSpans(calendar: BusinessCalendar, from: number): Generator<[number, number]> {
  const start = localParts(calendar.timeZone, from);
  const holidays = new Set(calendar.holidays);
  for (let k = -1; k < HORIZON_DAYS; k++) {
    const date = new Date(Date.UTC(start.year, start.month - 1, start.day + k));
    const y = date.getUTCFullYear();
    const m = date.getUTCMonth() + 1;
    const d = date.getUTCDate();
    const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    if (holidays.has(iso)) continue;
    const spans = [...(calendar.weekly[weekdays[date.getUTCDay()]!] ?? [])].sort((a, b) => a.start - b.start);
    for (const s of spans) {
      const a = localToInstant(calendar.timeZone, y, m, d, s.start);
      const b = localToInstant(calendar.timeZone, y, m, d, s.end);
      if (b > from && b > a) yield [Math.max(a, from), b];
    }
  }
}

/** Running time from `from` on: always (null calendar) or the calendar's open spans. */
function* runningSpans(calendar: BusinessCalendar | null, from: number): Generator<[number, number]> {
  if (!calendar) {
    yield [from, Number.POSITIVE_INFINITY];
    return;
  }
  yield* openSpans(calendar, from);
}

/** Cuts the pauses out of one span. */
function withoutPauses(span: [number, number], pauses: PauseInterval[]): [number, number][] {
  let parts: [number, number][] = [span];
  for (const [pFrom, pTo] of pauses) {
    const to = pTo ?? Number.POSITIVE_INFINITY;
    const next: [number, number][] = [];
    for (const [a, b] of parts) {
      if (to <= a || pFrom >= b) next.push([a, b]);
      else {
        if (pFrom > a) next.push([a, pFrom]);
        if (to < b) next.push([to, b]);
      }
    }
    parts = next;
  }
  return parts;
}

/**
 * When `ms` of running time will have passed after `from`: wall time when `calendar` is null
 * (24/7), the calendar's open hours otherwise, and never during a pause. Null when it never
 * happens (an open-ended pause, or no open hour within about a year).
 */
export function addRunningTime(
  from: number,
  ms: number,
  calendar: BusinessCalendar | null,
  pauses: PauseInterval[] = [],
): number | null {
  const relevant = pauses.length === 0 ? pauses : pauses.filter(([, to]) => to === null || to > from);
  if (!calendar && relevant.length === 0) return from + ms; // 24/7 and never paused: the common case
  let left = ms;
  for (const span of runningSpans(calendar, from)) {
    for (const [a, b] of withoutPauses(span, relevant)) {
      if (b - a >= left) return a + left;
      left -= b - a;
    }
  }
  return null;
}

/** Parses "HH:MM" (00:00–24:00) into minutes after midnight; null when it is not such a time. */
export function parseClockTime(text: string): number | null {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes <= 1440 ? minutes : null;
}

/** Minutes after midnight as "HH:MM". */
export function formatClockTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
