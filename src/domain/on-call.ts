/**
 * On-call arithmetic, pure: whose turn a rotation gives at an instant, who is on call counting
 * overrides, and the order in which an unacknowledged alert walks through people (escalation).
 * Turns change at the local time of day the rotation started, in its time zone, counted in local
 * calendar days, so a daylight-saving change does not shift the handover hour.
 */

/** A rotation as the rules read it. */
export interface Rotation {
  id: number;
  period: 'daily' | 'weekly';
  /** User ids in turn order. */
  members: number[];
  /** The first turn starts here (its local time of day is the handover time). */
  startsAt: number;
  timeZone: string;
}

/** Person `userId` is on call in [startsAt, endsAt), whatever the rotations say. */
export interface Override {
  id: number;
  userId: number;
  startsAt: number;
  endsAt: number;
}

/** One person on call now and why. */
export interface OnCallEntry {
  userId: number;
  source: 'override' | 'rotation';
  rotationId: number | null;
  overrideId: number | null;
  /** When this turn (or override) ends; null when it cannot be told (a rotation of one keeps going). */
  until: number | null;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The local calendar date (as a day number) and minute of day of an instant in a time zone. */
export function localDayAndMinute(timeZone: string, at: number): { day: number; minute: number } {
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
    });
    formatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const day = Math.round(Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1) / 86_400_000);
  return { day, minute: (p.hour ?? 0) * 60 + (p.minute ?? 0) };
}

/** How many whole turns of a rotation have passed at `at` (negative before it starts). */
export function turnsElapsed(rotation: Rotation, at: number): number {
  const start = localDayAndMinute(rotation.timeZone, rotation.startsAt);
  const now = localDayAndMinute(rotation.timeZone, at);
  let days = now.day - start.day;
  if (now.minute < start.minute) days -= 1;
  if (at < rotation.startsAt) return -1;
  return rotation.period === 'weekly' ? Math.floor(days / 7) : days;
}

/** The member whose turn it is at `at`, or null before the rotation starts or when it has nobody. */
export function rotationMemberAt(rotation: Rotation, at: number): number | null {
  if (rotation.members.length === 0) return null;
  const turns = turnsElapsed(rotation, at);
  if (turns < 0) return null;
  return rotation.members[turns % rotation.members.length] ?? null;
}

/** Who is on call at `at`: active overrides first (newest first), then each rotation's member. */
export function onCallAt(rotations: Rotation[], overrides: Override[], at: number): OnCallEntry[] {
  const out: OnCallEntry[] = [];
  const seen = new Set<number>();
  const active = overrides
    .filter((o) => o.startsAt <= at && at < o.endsAt)
    .sort((a, b) => b.startsAt - a.startsAt || b.id - a.id);
  for (const o of active) {
    if (seen.has(o.userId)) continue;
    seen.add(o.userId);
    out.push({ userId: o.userId, source: 'override', rotationId: null, overrideId: o.id, until: o.endsAt });
  }
  for (const r of [...rotations].sort((a, b) => a.id - b.id)) {
    const member = rotationMemberAt(r, at);
    if (member === null || seen.has(member)) continue;
    seen.add(member);
    out.push({ userId: member, source: 'rotation', rotationId: r.id, overrideId: null, until: null });
  }
  return out;
}

/**
 * The order an alert walks through people when nobody acknowledges: whoever is on call now, then
 * each rotation's next members in turn order (the person after the current one first).
 */
export function escalationChain(rotations: Rotation[], overrides: Override[], at: number): number[] {
  const chain = onCallAt(rotations, overrides, at).map((e) => e.userId);
  for (const r of [...rotations].sort((a, b) => a.id - b.id)) {
    const turns = Math.max(0, turnsElapsed(r, at));
    for (let k = 1; k <= r.members.length; k++) {
      const member = r.members[(turns + k) % r.members.length];
      if (member !== undefined && !chain.includes(member)) chain.push(member);
    }
  }
  return chain;
}

/**
 * Whom an unacknowledged alert goes to next: the first person in the chain not alerted yet; when
 * the chain is used up, everyone else who can act (`everyone`) at once; then nobody (it stops).
 */
export function nextEscalation(chain: number[], everyone: number[], alerted: number[]): number[] {
  const done = new Set(alerted);
  const next = chain.find((u) => !done.has(u));
  if (next !== undefined) return [next];
  return everyone.filter((u) => !done.has(u));
}
