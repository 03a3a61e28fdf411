/**
 * `form_letter` support: MinHash signatures of word 3-shingles, so a reply can be compared with the
 * last few hundred replies sent to other customers in well under a millisecond. Handles, links,
 * numbers and the greeting name are masked first: a form letter stays one when only those change.
 */
import { decodeEntities, urlPattern } from './text.js';
import type { RecentIndex } from './types.js';

const HASHES = 64;
// fixed odd multipliers and offsets (a deterministic family of hash functions)
const mults = new Uint32Array(HASHES);
const adds = new Uint32Array(HASHES);
let seed = 0x9e3779b9;
for (let i = 0; i < HASHES; i += 1) {
  seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x297a2d39) >>> 0;
  mults[i] = (seed | 1) >>> 0;
  seed = (Math.imul(seed ^ (seed >>> 12), 0x297a2d39) + 0x9e3779b9) >>> 0;
  adds[i] = seed;
}

function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The words a form letter is made of: handles, links, numbers and the greeted name masked. */
export function letterWords(text: string): string[] {
  const masked = decodeEntities(text)
    .replace(urlPattern, ' ')
    .replace(/@\w+/gu, ' ')
    .replace(/\b([Hh]i|[Hh]ello|[Hh]ey|[Dd]ear|[Tt]hanks|[Ss]orry)\s+[\p{Lu}][\p{Ll}'-]+/gu, '$1')
    .toLowerCase();
  return (masked.match(/[\p{L}]+(?:['’][\p{L}]+)?|\d+/gu) ?? []).map((w) => (/^\d/u.test(w) ? '#' : w));
}

/** The MinHash signature of a text's word 3-shingles (single words when it is shorter). */
export function signature(text: string): Uint32Array {
  const w = letterWords(text);
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  const n = w.length < 3 ? w.length : w.length - 2;
  for (let i = 0; i < n; i += 1) {
    const h = fnv(w.length < 3 ? w[i]! : `${w[i]} ${w[i + 1]} ${w[i + 2]}`);
    for (let k = 0; k < HASHES; k += 1) {
      const v = (Math.imul(h, mults[k]!) + adds[k]!) >>> 0;
      if (v < sig[k]!) sig[k] = v;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of two signatures' shingle sets. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let k = 0; k < HASHES; k += 1) if (a[k] === b[k]) same += 1;
  return same / HASHES;
}

/** Prepares the replies recently sent to other customers for the check (once, not per keystroke). */
export function recentIndex(texts: readonly string[]): RecentIndex {
  const kept = texts.filter((t) => letterWords(t).length >= 4);
  return { texts: kept, signatures: kept.map(signature) };
}

/** The most similar recent reply and how similar it is, or undefined when there are none. */
export function closestRecent(text: string, index: RecentIndex): { text: string; score: number } | undefined {
  if (index.signatures.length === 0 || letterWords(text).length < 4) return undefined;
  const mine = signature(text);
  let best = -1;
  let score = 0;
  for (const [i, sig] of index.signatures.entries()) {
    const s = similarity(mine, sig);
    if (s > score) {
      score = s;
      best = i;
    }
  }
  return best < 0 ? undefined : { text: index.texts[best]!, score };
}

/** Adds a reply to the index, dropping the oldest beyond `limit` (a stream of replies being audited). */
export function addRecent(index: RecentIndex, text: string, limit: number): void {
  if (letterWords(text).length < 4) return;
  index.texts.push(text);
  index.signatures.push(signature(text));
  if (index.texts.length > limit) {
    index.texts.shift();
    index.signatures.shift();
  }
}
