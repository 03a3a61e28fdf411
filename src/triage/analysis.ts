import {
  COMPLAINT_CUES,
  COMPLAINT_IDS,
  POSITIVE_CUES,
  POSITIVE_IDS,
  ruleFires,
  scanTriggers,
  URGENCY_CUES,
  URGENCY_IDS,
} from './cues.js';
import { lexicon } from './lexicon.js';
import { hashFeatures, lowerText, type SparseFeatures, type Token, tokenize } from './text.js';
import type { UrgencyCue } from './types.js';

/**
 * One pass over a message that every model shares: tokens, hashed n-grams, lexicon valence, matched
 * cues and a small dense vector of interpretable features. Computed once per message, then scored by
 * the default model and (when present) the workspace model.
 */

/** Hash space of every model (2^18 buckets: ~3 MB of weights for three classes). */
export const HASH_DIM = 1 << 18;

const BASE_DENSE = 12;
/** Number of dense features: the base ones plus one flag per complaint and urgency cue. */
export const DENSE_COUNT = BASE_DENSE + COMPLAINT_CUES.length + URGENCY_CUES.length;

/** Everything triage derives from a text before any model is applied. */
export interface Analysis {
  /** The text in lower case (every cue rule is written for it). */
  lower: string;
  tokens: Token[];
  features: SparseFeatures;
  /** The word uni/bigram features alone (unit length): what the intent and complaint-type heads use. */
  wordFeatures: SparseFeatures;
  dense: Float32Array;
  complaintCues: string[];
  positiveCues: string[];
  urgency: UrgencyCue[];
  /** Lexicon words that moved the valence most, strongest first, e.g. ["terrible -3.4"]. */
  lexiconHits: { word: string; score: number }[];
  /** Sum of lexicon valences (negation-flipped). */
  valence: number;
  /** Which cue rules may match (see scanTriggers); intent and complaint-type rules reuse it. */
  marks: Uint8Array;
}

function clamp(v: number, hi: number): number {
  return Math.min(v, hi);
}

// Module-local aliases of what the hot path imports: when a loader compiles these modules to
// CommonJS (tsx does for the eval, vitest for tests), each read of an imported binding becomes a
// getter call, which shows in triage's profile (bench/RESULTS.md).
const COMPLAINT = COMPLAINT_CUES;
const URGENCY = URGENCY_CUES;
const POSITIVE = POSITIVE_CUES;
const COMPLAINT_ID = COMPLAINT_IDS;
const URGENCY_ID = URGENCY_IDS;
const POSITIVE_ID = POSITIVE_IDS;
const fires = ruleFires;
const scan = scanTriggers;
const LEXICON = lexicon;
const hash = hashFeatures;
const tok = tokenize;
const lowerOf = lowerText;

let scratchWordVal = new Float32Array(1024);

/**
 * Analyses one message text. `transient` analyses share buffers with the next transient call (for
 * scoring a message right away); analyses kept for training must not be transient.
 */
export function analyze(text: string, transient = false): Analysis {
  const lower = lowerOf(text);
  const tokens = tok(lower, true);
  const features = hash(tokens, HASH_DIM, transient);
  const nw = features.words ?? features.length;
  if (transient && nw > scratchWordVal.length) scratchWordVal = new Float32Array(nw * 2);
  const wordVal = transient ? scratchWordVal : new Float32Array(nw);
  const wv = 1 / Math.sqrt(nw || 1);
  for (let i = 0; i < nw; i += 1) wordVal[i] = wv;
  const wordFeatures: SparseFeatures = { idx: features.idx, val: wordVal, length: nw };
  let pos = 0;
  let neg = 0;
  let negations = 0;
  let exclaim = 0;
  let question = 0;
  const hits: { word: string; score: number }[] = [];
  for (const t of tokens) {
    if (t.word === '!' || t.word === '!!') exclaim += t.word.length;
    else if (t.word === '?' || t.word === '?!') question = 1;
    const v = LEXICON.get(t.word);
    if (v === undefined || v === 0) {
      if (t.word === 'not' || t.word === 'no' || t.word === 'never' || t.word.endsWith("n't")) negations += 1;
      continue;
    }
    const score = t.negated ? -v * 0.74 : v;
    if (score > 0) pos += score;
    else neg -= score;
    hits.push({ word: t.negated ? `not ${t.word}` : t.word, score });
  }
  const caps = countCapsWords(text);
  const marks = scan(lower);

  const complaintCues: string[] = [];
  const dense = new Float32Array(DENSE_COUNT);
  for (let i = 0; i < COMPLAINT.length; i += 1) {
    const cue = COMPLAINT[i]!;
    if (fires(cue, lower, marks, COMPLAINT_ID[i])) {
      complaintCues.push(cue.name);
      dense[BASE_DENSE + i] = 1;
    }
  }
  const urgency: UrgencyCue[] = [];
  for (let i = 0; i < URGENCY.length; i += 1) {
    const u = URGENCY[i]!;
    if (fires(u, lower, marks, URGENCY_ID[i])) {
      urgency.push(u.cue);
      dense[BASE_DENSE + COMPLAINT.length + i] = 1;
    }
  }
  const positiveCues: string[] = [];
  for (let i = 0; i < POSITIVE.length; i += 1) {
    const c = POSITIVE[i]!;
    if (fires(c, lower, marks, POSITIVE_ID[i])) positiveCues.push(c.name);
  }

  dense[0] = clamp(pos / 4, 2);
  dense[1] = clamp(neg / 4, 2);
  dense[2] = clamp(complaintCues.length, 3) / 3;
  dense[3] = positiveCues.includes('thanks') ? 1 : 0;
  dense[4] = positiveCues.includes('praise') ? 1 : 0;
  dense[5] = positiveCues.includes('smile') ? 1 : 0;
  dense[6] = question;
  dense[7] = clamp(exclaim, 3) / 3;
  dense[8] = clamp(caps, 3) / 3;
  dense[9] = clamp(negations, 3) / 3;
  dense[10] = clamp(urgency.length, 3) / 3;
  dense[11] = Math.log1p(tokens.length) / 4;
  hits.sort((a, b) => Math.abs(b.score) - Math.abs(a.score));
  return {
    lower,
    tokens,
    features,
    wordFeatures,
    dense,
    complaintCues,
    positiveCues,
    urgency,
    lexiconHits: hits.slice(0, 3),
    valence: pos - neg,
    marks,
  };
}

function isAsciiWord(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** Words of three or more capitals (what /\b[A-Z]{3,}\b/g finds), less a few acronyms. */
function countCapsWords(text: string): number {
  let count = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isAsciiWord(text.charCodeAt(i))) {
      i += 1;
      continue;
    }
    const start = i;
    let upper = true;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (!isAsciiWord(c)) break;
      if (c < 65 || c > 90) upper = false;
      i += 1;
    }
    if (upper && i - start >= 3) {
      const w = i - start === 3 ? text.slice(start, i) : '';
      if (w !== 'USA' && w !== 'ATM' && w !== 'API' && w !== 'URL') count += 1;
    }
  }
  return count;
}
