import {
  ALL_RULES,
  COMPLAINT_CUES,
  COMPLAINT_IDS,
  IRONIC_ID,
  IRONIC_OPENER,
  POSITIVE_CUES,
  POSITIVE_IDS,
  ruleFires,
  scanTriggers,
  URGENCY_CUES,
  URGENCY_IDS,
} from './cues.js';
import { foreignCues, hasForeignCues } from './foreign.js';
import { detectLanguage, UNDETERMINED } from './language.js';
import { lexicon } from './lexicon.js';
import { hashFeatures, lowerText, type SparseFeatures, type Token, tokenize } from './text.js';
import type { Intent, UrgencyCue } from './types.js';

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
  /** The text's language (see language.ts): ISO 639-1 where there is one, or "und". */
  language: string;
  /** False for languages triage has no cues for: their messages are not scored (never guessed). */
  scored: boolean;
  /**
   * For German, Spanish and French: the language's own cues decide (English rules and the English
   * lexicon are not applied) and this is the intent its phrases say, if any.
   */
  foreign: { intent: Intent | null } | null;
}

const NO_MARKS = new Uint8Array(ALL_RULES.length);
const SARCASM_INDEX = COMPLAINT_CUES.findIndex((c) => c.name === 'sarcasm');
/** Words that describe a failure after an ironic opener ("great, another delay"). */
const FAILURE_WORD =
  /\b(?:another|again|still|waited|wait(?:ing)?|late|delay\w*|broke\w*|burnt|cold|missing|lost|nothing|no one|nobody|never|doesn'?t|won'?t|can'?t)\b/;
const NO_FEATURES: SparseFeatures = { idx: new Int32Array(0), val: new Float32Array(0), length: 0, words: 0 };

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
const detectLang = detectLanguage;

let scratchWordVal = new Float32Array(1024);

/**
 * Analyses one message text. `transient` analyses share buffers with the next transient call (for
 * scoring a message right away); analyses kept for training must not be transient. `language`, when
 * a person has said what it is, replaces detection.
 */
export function analyze(text: string, transient = false, language?: string): Analysis {
  const lower = lowerOf(text);
  const tokens = tok(lower, true);
  const features = hash(tokens, HASH_DIM, transient);
  const nw = features.words ?? features.length;
  if (transient && nw > scratchWordVal.length) scratchWordVal = new Float32Array(nw * 2);
  const wordVal = transient ? scratchWordVal : new Float32Array(nw);
  const wv = 1 / Math.sqrt(nw || 1);
  for (let i = 0; i < nw; i += 1) wordVal[i] = wv;
  const wordFeatures: SparseFeatures = { idx: features.idx, val: wordVal, length: nw };
  const lang = language ?? detectLang(tokens, lower);
  if (lang !== 'en' && lang !== UNDETERMINED) return analyzeOther(text, lower, tokens, wordFeatures, lang);
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
  // Shouting: most words in capitals (acronyms aside) is anger about to escalate.
  const shouting = caps >= 3 && caps * 2 >= tokens.length;
  const marks = scan(lower);

  const complaintCues: string[] = [];
  const dense = new Float32Array(DENSE_COUNT);
  let strong = 0;
  for (let i = 0; i < COMPLAINT.length; i += 1) {
    const cue = COMPLAINT[i]!;
    if (fires(cue, lower, marks, COMPLAINT_ID[i])) {
      complaintCues.push(cue.name);
      dense[BASE_DENSE + i] = 1;
      if (cue.kind !== 'report') strong += 1;
    }
  }
  const urgency: UrgencyCue[] = [];
  for (let i = 0; i < URGENCY.length; i += 1) {
    const u = URGENCY[i]!;
    if (fires(u, lower, marks, URGENCY_ID[i])) {
      if (!urgency.includes(u.cue)) urgency.push(u.cue);
      dense[BASE_DENSE + COMPLAINT.length + i] = 1;
    }
  }
  if (shouting && !urgency.includes('escalating_anger')) urgency.push('escalating_anger');
  let positiveCues: string[] = [];
  for (let i = 0; i < POSITIVE.length; i += 1) {
    const c = POSITIVE[i]!;
    if (fires(c, lower, marks, POSITIVE_ID[i])) positiveCues.push(c.name);
  }
  // Sarcasm: an ironic opener ("great,", "thanks a lot", "love how") around a described failure.
  if (fires(IRONIC_OPENER, lower, marks, IRONIC_ID) && (strong > 0 || neg >= 1 || FAILURE_WORD.test(lower))) {
    if (dense[BASE_DENSE + SARCASM_INDEX] === 0) {
      complaintCues.push('sarcasm');
      dense[BASE_DENSE + SARCASM_INDEX] = 1;
      strong += 1;
    }
    positiveCues = positiveCues.filter((c) => c !== 'thanks' && c !== 'praise');
    pos *= 0.2;
  }

  dense[0] = clamp(pos / 4, 2);
  dense[1] = clamp(neg / 4, 2);
  dense[2] = clamp(strong, 3) / 3;
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
    language: lang,
    scored: true,
    foreign: null,
  };
}

/**
 * Analysis of a text in another language: German, Spanish and French are scored by their own cues
 * (foreign.ts) through the same dense features, with no English n-gram or lexicon weight; any other
 * language is left unscored.
 */
function analyzeOther(
  text: string,
  lower: string,
  tokens: Token[],
  wordFeatures: SparseFeatures,
  language: string,
): Analysis {
  const dense = new Float32Array(DENSE_COUNT);
  const base = {
    lower,
    tokens,
    features: NO_FEATURES,
    wordFeatures,
    dense,
    complaintCues: [] as string[],
    positiveCues: [] as string[],
    urgency: [] as UrgencyCue[],
    lexiconHits: [] as { word: string; score: number }[],
    valence: 0,
    marks: NO_MARKS,
    language,
  };
  if (!hasForeignCues(language)) return { ...base, scored: false, foreign: null };
  const words: string[] = [];
  let exclaim = 0;
  let question = 0;
  for (const t of tokens) {
    if (t.word === '!' || t.word === '!!') exclaim += t.word.length;
    else if (t.word === '?' || t.word === '?!') question = 1;
    else words.push(t.word);
  }
  const f = foreignCues(language, lower, words);
  const marks = scan(lower);
  const smile = fires(POSITIVE[2]!, lower, marks, POSITIVE_ID[2]);
  if (smile) f.positiveCues.push('smile');
  for (let i = 0; i < URGENCY.length; i += 1)
    if (f.urgency.includes(URGENCY[i]!.cue)) dense[BASE_DENSE + COMPLAINT.length + i] = 1;
  dense[0] = clamp(f.pos / 4, 2);
  dense[1] = clamp(f.neg / 4, 2);
  dense[2] = clamp(f.complaintCues.length, 3) / 3;
  dense[3] = f.positiveCues.includes('thanks') ? 1 : 0;
  dense[4] = f.positiveCues.includes('praise') ? 1 : 0;
  dense[5] = smile ? 1 : 0;
  dense[6] = question;
  dense[7] = clamp(exclaim, 3) / 3;
  dense[8] = clamp(countCapsWords(text), 3) / 3;
  dense[10] = clamp(f.urgency.length, 3) / 3;
  dense[11] = Math.log1p(tokens.length) / 4;
  return {
    ...base,
    complaintCues: f.complaintCues,
    positiveCues: f.positiveCues,
    urgency: f.urgency,
    lexiconHits: f.hits,
    valence: f.pos - f.neg,
    scored: true,
    foreign: { intent: f.intent },
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
