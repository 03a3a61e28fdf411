/**
 * Text to tokens and hashed features. Everything here is allocation-light and deterministic because
 * it runs for every inbound message (tens of thousands per second on one core).
 */

/** A token with its negation-scope flag (words after "not", "never", "can't"… until punctuation). */
export interface Token {
  word: string;
  negated: boolean;
}

const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'nobody',
  'nothing',
  'nowhere',
  'neither',
  'nor',
  'none',
  'cannot',
  'without',
  'cant',
  'dont',
  'didnt',
  'doesnt',
  'wont',
  'isnt',
  'wasnt',
  'havent',
  'hasnt',
  'couldnt',
  'wouldnt',
  'shouldnt',
  'arent',
  'werent',
  'aint',
]);

/** Lower case with curly apostrophes and backticks as "'" (the form every rule and token uses). */
export function lowerText(text: string): string {
  const lower = text.toLowerCase();
  return lower.includes('\u2018') || lower.includes('\u2019') || lower.includes('`')
    ? lower.replace(/[\u2018\u2019`]/g, "'")
    : lower;
}

/** True for words that open a negation scope. */
export function isNegator(word: string): boolean {
  return NEGATORS.has(word) || word.endsWith("n't");
}

function isWordChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 48 && c <= 57) ||
    c === 39 ||
    c === 95 ||
    (c >= 0xc0 && c < 0x2000 && c !== 0xd7)
  );
}

/**
 * Splits text into lower-case tokens: words (apostrophes kept, letters repeated three or more times
 * squeezed to two, digits collapsed to "0"), "!" / "!!" / "?" marks, emoji, smiling and frowning
 * emoticons as ":)" / ":(", URLs as "URL"; other symbols and @mentions (they name the brand, not the
 * mood) are dropped. Words after a negator are flagged until the next punctuation.
 */
export function tokenize(text: string, lowered = false): Token[] {
  const s = lowered ? text : lowerText(text);
  const out: Token[] = [];
  let negLeft = 0;
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 64 /* @ */) {
      i += 1;
      while (i < n && isWordChar(s.charCodeAt(i))) i += 1;
      continue;
    }
    if (c === 104 /* h */ && s.startsWith('http', i)) {
      while (i < n && s.charCodeAt(i) > 32) i += 1;
      out.push({ word: 'URL', negated: false });
      continue;
    }
    if (isWordChar(c)) {
      const start = i;
      while (i < n && isWordChar(s.charCodeAt(i))) i += 1;
      let word = s.slice(start, i);
      if (word.charCodeAt(0) === 39 || word.charCodeAt(word.length - 1) === 39)
        word = word.replace(/^'+|'+$/g, '');
      if (!word) continue;
      if (hasDigitOrRun(word)) word = word.replace(/\d+/g, '0').replace(/([^\d])\1{2,}/g, '$1$1');
      const neg = negLeft > 0;
      out.push({ word, negated: neg });
      if (neg) negLeft -= 1;
      if (isNegator(word)) negLeft = 4;
      continue;
    }
    if (c === 33 /* ! */ || c === 63 /* ? */) {
      let j = i;
      while (j < n && (s.charCodeAt(j) === 33 || s.charCodeAt(j) === 63)) j += 1;
      const run = s.slice(i, j);
      const word = run.includes('?') ? (run.includes('!') ? '?!' : '?') : j - i > 1 ? '!!' : '!';
      out.push({ word, negated: false });
      negLeft = 0;
      i = j;
      continue;
    }
    const emo = c === 58 || c === 59 || c === 61 || c === 60 ? emoticonAt(s, i) : 0;
    if (emo !== 0) {
      out.push({ word: emo > 0 ? EMO_POS : EMO_NEG, negated: false });
      negLeft = 0;
      i += Math.abs(emo);
      continue;
    }
    if (c === 46 || c === 44 || c === 59 || c === 58 || c === 10) negLeft = 0;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      out.push({ word: s.slice(i, i + 2), negated: false });
      i += 2;
      continue;
    }
    i += 1;
  }
  return out;
}

/** Tokens standing for smiling and frowning emoticons. */
export const EMO_POS = ':)';
export const EMO_NEG = ':(';

/** True when a word has a digit or a letter repeated three times ("sooo"), which tokens normalise. */
function hasDigitOrRun(w: string): boolean {
  let run = 1;
  for (let i = 0; i < w.length; i += 1) {
    const c = w.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
    run = i > 0 && c === w.charCodeAt(i - 1) ? run + 1 : 1;
    if (run >= 3) return true;
  }
  return false;
}

function isMouthEnd(s: string, j: number): boolean {
  return j >= s.length || !isWordChar(s.charCodeAt(j));
}

/**
 * An emoticon starting at i (":)", ":-)", ";d", "=(", ":'(", ":/", "<3"…): its length, positive for
 * smiling and negative for frowning, or 0. Letter mouths (":d", ":p") must end the word.
 */
function emoticonAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 60 /* < */) return s.charCodeAt(i + 1) === 51 /* 3 */ && isMouthEnd(s, i + 2) ? 2 : 0;
  let j = i + 1;
  const nose = s.charCodeAt(j);
  if (nose === 45 /* - */ || nose === 39 /* ' */ || nose === 111 /* o */) j += 1;
  const m = s.charCodeAt(j);
  if (m === 41 || m === 93 || m === 42) return j + 1 - i; // ) ] *
  if ((m === 100 || m === 112) && isMouthEnd(s, j + 1)) return j + 1 - i; // d p
  if (m === 40 || m === 91 || m === 124) return -(j + 1 - i); // ( [ |
  if ((m === 47 || m === 92) && c !== 58) return -(j + 1 - i); // "/" "\\" (not ":/" of "http://")
  if ((m === 47 || m === 92) && isMouthEnd(s, j + 1) && s.charCodeAt(j + 1) !== 47) return -(j + 1 - i);
  return 0;
}

// Feature families: character n-grams of 4 and 5, words and char n-grams weighted equally (chosen by
// cross-validation: 3-grams added features, not accuracy; bench/RESULTS.md).
const FX = { charMin: 4, charMax: 5, wordWeight: 1, charWeight: 1 };

const NEG_SEED = 0x2f1a7c3b;
const BI_SEED = 0x5bd1e995;
const CHAR_SEED = 0x27d4eb2f;

/** FNV-1a over a string's UTF-16 code units, seeded so feature families do not collide. */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i += 1) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The hash bucket of a token's unigram feature (for explaining which words drove a score). */
export function unigramIndex(t: Token, dim: number): number {
  const h = hashString(t.word);
  return (t.negated ? mix(h, NEG_SEED) : h) & (dim - 1);
}

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ (b + 0x9e3779b9 + (a << 6) + (a >>> 2)), 0x85ebca6b);
  h ^= h >>> 13;
  return Math.imul(h, 0xc2b2ae35) >>> 0;
}

// Buffers reused by transient feature vectors (scoring one message, never kept).
let scratchIdx = new Int32Array(4096);
let scratchVal = new Float32Array(4096);

/**
 * Sparse features of one text: hashed indices and values (L2-normalised) in the first `length`
 * entries of `idx` and `val` (the arrays may be longer).
 */
export interface SparseFeatures {
  idx: Int32Array;
  val: Float32Array;
  length: number;
  /** How many of the leading entries are word features (uni/bigrams); the rest are char n-grams. */
  words?: number;
}

/**
 * Hashed word unigrams (negation-marked), word bigrams and character 4–5-grams of each word, folded
 * into `dim` buckets (a power of two). Values are counts scaled to unit length. `transient` returns
 * views of shared buffers, valid only until the next transient call (for scoring, not training).
 * Hashing runs over char codes (FNV-1a) without building any substring.
 */
export function hashFeatures(tokens: Token[], dim: number, transient = false): SparseFeatures {
  const mask = dim - 1;
  const nt = tokens.length;
  let chars = 0;
  for (let j = 0; j < nt; j += 1) chars += tokens[j]!.word.length;
  const cap = 1 + 2 * nt + 3 * (chars + 2 * nt);
  if (transient && cap > scratchIdx.length) {
    scratchIdx = new Int32Array(cap * 2);
    scratchVal = new Float32Array(cap * 2);
  }
  const idx = transient ? scratchIdx : new Int32Array(cap);
  const val = transient ? scratchVal : new Float32Array(cap);
  let n = 0;
  let prev = 0x1234567;
  for (let j = 0; j < nt; j += 1) {
    const t = tokens[j]!;
    const w = t.word;
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < w.length; i += 1) h = Math.imul(h ^ w.charCodeAt(i), 0x01000193);
    h >>>= 0;
    idx[n++] = (t.negated ? mix(h, NEG_SEED) : h) & mask;
    idx[n++] = mix(prev, h ^ BI_SEED) & mask;
    prev = h;
  }
  idx[n++] = mix(prev, BI_SEED) & mask;
  const nw = n;
  const cmin = FX.charMin - 1;
  const cmax = FX.charMax;
  for (let j = 0; j < nt; j += 1) {
    const w = tokens[j]!.word;
    const len = w.length;
    if (len < 2 || len > 24 || w === 'URL') continue;
    // Character n-grams over "<word>" with boundary markers.
    const total = len + 2;
    for (let start = 0; start < total; start += 1) {
      let hc = CHAR_SEED;
      const stop = Math.min(start + cmax, total);
      for (let p = start; p < stop; p += 1) {
        const code = p === 0 ? 60 : p === total - 1 ? 62 : w.charCodeAt(p - 1);
        hc = Math.imul(hc ^ code, 0x01000193);
        if (p - start >= cmin) idx[n++] = hc & mask;
      }
    }
  }
  const nc = n - nw;
  const norm = Math.sqrt(nw * FX.wordWeight ** 2 + nc * FX.charWeight ** 2);
  const ww = FX.wordWeight / norm;
  const cw = FX.charWeight / norm;
  for (let i = 0; i < nw; i += 1) val[i] = ww;
  for (let i = nw; i < n; i += 1) val[i] = cw;
  return { idx, val, length: n, words: nw };
}
