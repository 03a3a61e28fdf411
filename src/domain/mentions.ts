/** A teammate who can be @mentioned. */
export interface Mentionable {
  id: number;
  name: string;
  email: string;
}

/**
 * Finds the teammates a note @mentions: "@Full Name", "@First" (when unambiguous) or "@emailuser".
 * Longer names win, so "@Ann Lee" is not read as "@Ann".
 */
export function findMentions(text: string, users: Mentionable[]): number[] {
  const lower = text.toLowerCase();
  const found = new Set<number>();
  const firstNames = new Map<string, number[]>();
  for (const u of users) {
    const first = u.name.trim().split(/\s+/)[0]?.toLowerCase();
    if (first) firstNames.set(first, [...(firstNames.get(first) ?? []), u.id]);
  }
  const boundary = (i: number) => i >= lower.length || !/[\p{L}\p{N}_.-]/u.test(lower[i]!);
  for (let at = lower.indexOf('@'); at !== -1; at = lower.indexOf('@', at + 1)) {
    if (at > 0 && /[\p{L}\p{N}_.]/u.test(lower[at - 1]!)) continue; // an email address, not a mention
    const rest = lower.slice(at + 1);
    const candidates: { id: number; len: number }[] = [];
    for (const u of users) {
      const full = u.name.trim().toLowerCase();
      const local = u.email.split('@')[0]!.toLowerCase();
      for (const key of [full, local]) {
        if (key && rest.startsWith(key) && boundary(at + 1 + key.length))
          candidates.push({ id: u.id, len: key.length });
      }
    }
    for (const [first, ids] of firstNames) {
      if (ids.length === 1 && rest.startsWith(first) && boundary(at + 1 + first.length)) {
        candidates.push({ id: ids[0]!, len: first.length });
      }
    }
    candidates.sort((a, b) => b.len - a.len);
    if (candidates[0]) found.add(candidates[0].id);
  }
  return [...found];
}
