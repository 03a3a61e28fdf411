/** Small text helpers shared by the checks: what a reply says once handles, links and entities go. */

const entities: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** Decodes the few HTML entities social posts carry (`&amp;`). */
export function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (m) => entities[m] ?? m);
}

/** A link in a reply. */
export const urlPattern = /\bhttps?:\/\/\S+|\bwww\.\S+/giu;

/** The reply without the @handles it starts with (who it is addressed to, not what it says). */
export function stripLeadingHandles(text: string): string {
  return text.replace(/^(\s*@[\w.-]+[,:]?\s*)+/u, '');
}

/** The reply as prose: entities decoded, leading handles and links removed, spaces folded. */
export function prose(text: string): string {
  return stripLeadingHandles(decodeEntities(text)).replace(urlPattern, ' ').replace(/\s+/gu, ' ').trim();
}

/** Lower-case word tokens (letters and digits; apostrophes kept inside words). */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];
}

/** A crude stem, enough to match "charged" with "charge" and "boxes" with "box". */
export function stem(word: string): string {
  let w = word.replace(/['’]s$/u, '');
  if (w.length > 5) w = w.replace(/(ing|ed|es|ly|er)$/u, '');
  if (w.length > 3) w = w.replace(/s$/u, '');
  return w.length > 5 ? w.slice(0, 5) : w;
}

/** The first match of a pattern, as the words a finding quotes; undefined when none. */
export function firstMatch(pattern: RegExp, text: string): string | undefined {
  const m = pattern.exec(text);
  pattern.lastIndex = 0;
  return m ? m[0].trim() : undefined;
}

/** Splits prose into sentences (for checks that look at one sentence at a time). */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/u)
    .map((s) => s.trim())
    .filter(Boolean);
}
