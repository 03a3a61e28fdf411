import { type Analysis, analyze } from './analysis.js';
import { COMPLAINT_TYPE_CUES, COMPLAINT_TYPE_IDS, INTENT_CUES, INTENT_IDS, ruleFires } from './cues.js';
import { DETAIL_WITH_THANKS, HELP_RECEIVED } from './cues-intent.js';
import { type Gate, trusts } from './gate.js';
import { CompactScorer, LinearModel, softmaxInPlace } from './linear.js';
import { computePriority } from './priority.js';
import type { SparseFeatures } from './text.js';
import {
  type Intent,
  intents,
  type Sentiment,
  type TriageInput,
  type TriageResult,
  type Triager,
  type UrgencyCue,
} from './types.js';

/**
 * A complete triager: the shipped prior (default sentiment model), optionally a workspace sentiment
 * model that learns a correction on top of the prior's logits, and optional learned intent and
 * complaint-type heads. Rules fill in what no model was trained for.
 */

/** Class order of every sentiment model. */
export const SENTIMENTS: Sentiment[] = ['negative', 'neutral', 'positive'];

/** The learned parts of a workspace model (all optional except the sentiment head). */
export interface WorkspaceHeads {
  sentiment: LinearModel;
  /** Added to the sentiment logits before the decision (tuned for negative recall at training). */
  logitBias: number[];
  intent?: LinearModel | null;
  complaintType?: LinearModel | null;
  /**
   * Features of the intent and complaint-type heads: word uni/bigrams only (current) or every
   * feature (models stored before format 2).
   */
  labelFeatures?: 'words' | 'all';
  /**
   * Per-class evidence (format 3): a head answers a class only where its gate trusts it, otherwise
   * the default's answer stands. Absent on models stored before format 3 (their heads decide alone).
   */
  gates?: { sentiment: Gate; intent: Gate; complaintType: Gate } | null;
}

/**
 * How much more a label head must favour one of the default's own classes over the default's answer
 * to replace it (a class only the team has, such as its own complaint type, needs no margin: the
 * default can never answer it).
 */
const SWITCH_MARGIN = 1;

/** Every intent, in the order a format-3 intent head lists them first. */
export const INTENTS: Intent[] = [...intents];

/**
 * Scores a format-3 label head: word features plus the default's answer as a one-hot dense input
 * (its weights start at a margin a single correction cannot beat), so the head departs from the
 * default only on strong word evidence, and only to a class its gate trusts.
 */
export function gatedLabel(
  head: CompactScorer,
  gate: Gate | null | undefined,
  x: SparseFeatures,
  fallback: string,
  onehot: Float32Array,
  defaults: number,
): string {
  const d = head.classes.indexOf(fallback);
  if (d < 0) return fallback;
  onehot.fill(0);
  onehot[d] = 1;
  const z = head.logits(x, onehot);
  const h = argmax(z);
  const label = head.classes[h]!;
  const margin = h < defaults ? SWITCH_MARGIN : 0;
  return h !== d && z[h]! - z[d]! >= margin && trusts(gate, label) ? label : fallback;
}

const QUESTION_START =
  /^\s*(?:@\w+\s+)*(?:what|when|where|who|whom|which|why|how|is|are|can|could|do|does|did|will|would|should|may|any)\b/i;

/** A Triager over a prior and optional workspace heads. */
// Module-local aliases of hot imports (see analysis.ts: CommonJS loaders make them getters).
const INTENT_RULES = INTENT_CUES;
const INTENT_ID = INTENT_IDS;
const TYPE_RULES = COMPLAINT_TYPE_CUES;
const TYPE_ID = COMPLAINT_TYPE_IDS;
const fires = ruleFires;
const analyzeText = analyze;
const priorityOf = computePriority;
const softmax = softmaxInPlace;

export class TriageModel implements Triager {
  /**
   * The sentiment model actually scored: the prior alone, or prior + workspace head + logit bias
   * folded into one set of weights (both are linear in the same features), so a trained workspace
   * costs one pass over the features, like the default.
   */
  readonly scorer: CompactScorer;
  /** The prior alone, when a gate may send a sentiment back to it (null: the scorer always decides). */
  private readonly priorScorer: CompactScorer | null;
  private readonly intentHead: CompactScorer | null;
  private readonly typeHead: CompactScorer | null;
  private readonly probs = new Float64Array(3);
  private readonly priorProbs = new Float64Array(3);
  private readonly intentHot: Float32Array;
  private readonly typeHot: Float32Array;

  constructor(
    readonly prior: LinearModel,
    readonly heads: WorkspaceHeads | null,
    readonly name: string,
  ) {
    this.scorer = new CompactScorer(heads ? mergeLinear(prior, heads.sentiment, heads.logitBias) : prior);
    if (!heads && !priorScorers.has(prior)) priorScorers.set(prior, this.scorer);
    const g = heads?.gates;
    this.priorScorer = g && !SENTIMENTS.every((s) => trusts(g.sentiment, s)) ? priorScorerOf(prior) : null;
    this.intentHead = heads?.intent ? new CompactScorer(heads.intent) : null;
    this.typeHead = heads?.complaintType ? new CompactScorer(heads.complaintType) : null;
    this.intentHot = new Float32Array(heads?.intent?.denseCount ?? 0);
    this.typeHot = new Float32Array(heads?.complaintType?.denseCount ?? 0);
  }

  /** Sentiment probabilities [negative, neutral, positive] for an analysed text (reused array). */
  probabilities(a: Analysis): Float64Array {
    const p = fillProbs(this.scorer, a, this.probs);
    const ps = this.priorScorer;
    if (ps === null) return p;
    const h = argmax(p);
    const q = fillProbs(ps, a, this.priorProbs);
    return h !== argmax(q) && !trusts(this.heads?.gates?.sentiment, SENTIMENTS[h]!) ? q : p;
  }

  /** Sentiment label alone (used by the eval and by training to tune thresholds). */
  classify(text: string): Sentiment {
    const p = this.probabilities(analyzeText(text, true));
    return SENTIMENTS[argmax(p)]!;
  }

  /**
   * The default's labels for a text (rules over the prior's sentiment), before any workspace head:
   * what a correction is compared against.
   */
  defaultLabels(text: string): { sentiment: Sentiment; intent: Intent; complaintType: string } {
    const a = analyzeText(text, true);
    const sentiment = SENTIMENTS[argmax(fillProbs(priorScorerOf(this.prior), a, this.priorProbs))]!;
    return { sentiment, intent: ruleIntent(a, sentiment), complaintType: ruleType(a) };
  }

  triage(input: TriageInput): TriageResult {
    const a = analyzeText(input.text, true, input.language);
    if (!a.scored) return this.unscored(a, input);
    const p = this.probabilities(a);
    const best = argmax(p);
    const sentiment = SENTIMENTS[best]!;
    const sentimentScore = round3(p[2]! - p[0]!);
    const intent = this.intentOf(a, sentiment);
    const urgency = filterUrgency(a.urgency, sentiment);
    const complaintType =
      sentiment === 'negative' || intent === 'complaint' || intent === 'churn_risk'
        ? this.complaintTypeOf(a)
        : null;
    const priority = priorityOf({
      sentiment,
      sentimentScore,
      intent,
      urgency,
      authorFollowers: input.authorFollowers,
      lifecycle: input.lifecycle,
      waitingMs: input.waitingMs,
    });
    return {
      sentiment,
      sentimentScore,
      intent,
      urgency,
      complaintType,
      priority,
      explanation: this.explain(a, this.topWords(a, best), sentiment, p[best]!),
      model: this.name,
      language: a.language,
      scored: true,
    };
  }

  /** A message in a language triage has no cues for: neutral defaults, said to be unscored. */
  private unscored(a: Analysis, input: TriageInput): TriageResult {
    const priority = priorityOf({
      sentiment: 'neutral',
      sentimentScore: 0,
      intent: 'other',
      urgency: [],
      authorFollowers: input.authorFollowers,
      lifecycle: input.lifecycle,
      waitingMs: input.waitingMs,
    });
    return {
      sentiment: 'neutral',
      sentimentScore: 0,
      intent: 'other',
      urgency: [],
      complaintType: null,
      priority,
      explanation: [`language: ${a.language} (not scored: no cues for this language)`],
      model: this.name,
      language: a.language,
      scored: false,
    };
  }

  private intentOf(a: Analysis, sentiment: Sentiment): Intent {
    const head = this.intentHead;
    if (head === null) return ruleIntent(a, sentiment);
    if (this.heads?.gates) {
      const fallback = ruleIntent(a, sentiment);
      const g = this.heads.gates.intent;
      return gatedLabel(head, g, a.wordFeatures, fallback, this.intentHot, INTENTS.length) as Intent;
    }
    return head.classes[argmax(head.logits(this.labelX(a), a.dense))] as Intent;
  }

  private complaintTypeOf(a: Analysis): string | null {
    const head = this.typeHead;
    if (head === null) return ruleType(a);
    if (this.heads?.gates) {
      const fallback = ruleType(a);
      const g = this.heads.gates.complaintType;
      return gatedLabel(head, g, a.wordFeatures, fallback, this.typeHot, DEFAULT_TYPE_COUNT);
    }
    return head.classes[argmax(head.logits(this.labelX(a), a.dense))] ?? null;
  }

  private labelX(a: Analysis) {
    return this.heads?.labelFeatures === 'all' ? a.features : a.wordFeatures;
  }

  /** Matched cues, strongest lexicon words and the words the model weighed most for its answer. */
  private explain(a: Analysis, top: number[], sentiment: Sentiment, confidence: number): string[] {
    const out = [`${sentiment} (${Math.round(confidence * 100)}%, ${this.name})`];
    if (a.language !== 'en') out.push(`language: ${a.language}`);
    for (const c of a.complaintCues) out.push(`cue: ${c}`);
    for (const c of a.positiveCues) out.push(`cue: ${c}`);
    for (const u of a.urgency) out.push(`urgency: ${u}`);
    for (const h of a.lexiconHits) out.push(`word: ${h.word} ${h.score > 0 ? '+' : ''}${fixed1(h.score)}`);
    if (top[0]! >= 0) {
      const words: string[] = [];
      for (const j of top) {
        if (j < 0) break;
        const t = a.tokens[j]!;
        words.push(t.negated ? `not ${t.word}` : t.word);
      }
      out.push(`model words: ${words.join(', ')}`);
    }
    return out;
  }

  /**
   * Indices of the (up to) three tokens whose unigram weights pushed most towards class `best`
   * (-1 for none). A token's unigram bucket is already in the features (unigram, bigram per token).
   */
  private topWords(a: Analysis, best: number): number[] {
    const sc = this.scorer;
    const idx = a.features.idx;
    const top = [-1, -1, -1];
    const topW = [0, 0, 0];
    for (let j = 0; j < a.tokens.length; j += 1) {
      if (a.tokens[j]!.word.length < 2) continue;
      const f = idx[2 * j]!;
      let dup = false;
      for (let s = 0; s < 3; s += 1) if (top[s]! >= 0 && idx[2 * top[s]!] === f) dup = true;
      if (dup) continue;
      const contrib = sc.weight(f, best) - (sc.weight(f, 0) + sc.weight(f, 1) + sc.weight(f, 2)) / 3;
      if (!(contrib > 0)) continue;
      let s = 3;
      while (s > 0 && contrib > topW[s - 1]!) s -= 1;
      if (s === 3) continue;
      for (let r = 2; r > s; r -= 1) {
        top[r] = top[r - 1]!;
        topW[r] = topW[r - 1]!;
      }
      top[s] = j;
      topW[s] = contrib;
    }
    return top;
  }
}

/** One model whose logits are a's plus b's plus `bias` (same classes, hash size and dense count). */
export function mergeLinear(a: LinearModel, b: LinearModel, bias: readonly number[]): LinearModel {
  if (a.dim !== b.dim || a.denseCount !== b.denseCount || a.classes.length !== b.classes.length)
    throw new Error('cannot merge linear models of different shapes');
  const w = Float32Array.from(a.weights);
  const bw = b.weights;
  for (let i = 0; i < w.length; i += 1) if (bw[i] !== 0) w[i] = w[i]! + bw[i]!;
  const bb = Float32Array.from(a.bias);
  for (let k = 0; k < bb.length; k += 1) bb[k] = bb[k]! + b.bias[k]! + (bias[k] ?? 0);
  return new LinearModel([...a.classes], a.dim, a.denseCount, w, bb);
}

/** The default's intent: the first intent rule that fires, else one that follows from sentiment. */
export function ruleIntent(a: Analysis, sentiment: Sentiment): Intent {
  const text = a.lower;
  if (a.foreign) return foreignIntent(a, sentiment);
  for (let i = 0; i < INTENT_RULES.length; i += 1) {
    const rule = INTENT_RULES[i]!;
    if (fires(rule, text, a.marks, INTENT_ID[i])) return rule.intent;
  }
  // A complaint is a reported problem, whatever the tone; thanks on a reply that only gives details
  // ("iPhone 12, iOS 17. Thanks!") is a sign-off, not thanks for help.
  const strong = a.dense[2]! > 0;
  if (sentiment === 'negative' || strong || (sentiment === 'neutral' && a.complaintCues.length > 0))
    return 'complaint';
  const question = text.includes('?') || QUESTION_START.test(text);
  if (a.positiveCues.includes('thanks')) {
    if (!DETAIL_WITH_THANKS.test(text) || HELP_RECEIVED.test(text)) return 'thanks';
    return question ? 'question' : 'other';
  }
  if (sentiment === 'positive') return 'praise';
  return question ? 'question' : 'other';
}

function foreignIntent(a: Analysis, sentiment: Sentiment): Intent {
  if (a.foreign?.intent) return a.foreign.intent;
  if (sentiment === 'negative' || a.complaintCues.length > 0) return 'complaint';
  if (a.positiveCues.includes('thanks')) return 'thanks';
  if (sentiment === 'positive') return 'praise';
  return a.lower.includes('?') ? 'question' : 'other';
}

/** The default's complaint type: the first complaint-type rule that fires, else "other". */
export function ruleType(a: Analysis): string {
  for (let i = 0; i < TYPE_RULES.length; i += 1) {
    const rule = TYPE_RULES[i]!;
    if (fires(rule, a.lower, a.marks, TYPE_ID[i])) return rule.type;
  }
  return 'other';
}

/** Complaint types a format-3 head starts with: the default's, and "other". */
export const DEFAULT_TYPES = [...TYPE_RULES.map((c) => c.type), 'other'];
const DEFAULT_TYPE_COUNT = DEFAULT_TYPES.length;

const priorScorers = new WeakMap<LinearModel, CompactScorer>();

/** One shared scorer per prior (the default's weights are scored, never copied per workspace). */
function priorScorerOf(prior: LinearModel): CompactScorer {
  let s = priorScorers.get(prior);
  if (!s) {
    s = new CompactScorer(prior);
    priorScorers.set(prior, s);
  }
  return s;
}

function fillProbs(scorer: CompactScorer, a: Analysis, out: Float64Array): Float64Array {
  const z = scorer.logits(a.features, a.dense);
  for (let k = 0; k < 3; k += 1) out[k] = z[k]!;
  return softmax(out);
}

/** Urgency only matters for problems: drop it on positive messages, keep the serious kinds on neutral. */
function filterUrgency(cues: UrgencyCue[], sentiment: Sentiment): UrgencyCue[] {
  if (sentiment === 'negative') return cues;
  if (sentiment === 'positive') return cues.filter((c) => c === 'safety');
  return cues.filter((c) => c === 'safety' || c === 'locked_out' || c === 'money_lost');
}

/** Index of the largest value. */
export function argmax(v: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < v.length; k += 1) if (v[k]! > v[best]!) best = k;
  return best;
}

/** `v.toFixed(1)` for the small scores shown to agents, without the slow general formatter. */
export function fixed1(v: number): string {
  const tenths = Math.round(Math.abs(v) * 10);
  const sign = v < 0 && tenths !== 0 ? '-' : '';
  return `${sign}${Math.floor(tenths / 10)}.${tenths % 10}`;
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
