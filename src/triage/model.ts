import { type Analysis, analyze, HASH_DIM } from './analysis.js';
import { COMPLAINT_TYPE_CUES, INTENT_CUES, ruleMatches } from './cues.js';
import { type LinearModel, softmaxInPlace } from './linear.js';
import { computePriority } from './priority.js';
import { unigramIndex } from './text.js';
import type { Intent, Sentiment, TriageInput, TriageResult, Triager, UrgencyCue } from './types.js';

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
}

const QUESTION_START =
  /^\s*(?:@\w+\s+)*(?:what|when|where|who|whom|which|why|how|is|are|can|could|do|does|did|will|would|should|may|any)\b/i;

/** A Triager over a prior and optional workspace heads. */
export class TriageModel implements Triager {
  private readonly offset = new Float32Array(3);

  constructor(
    readonly prior: LinearModel,
    readonly heads: WorkspaceHeads | null,
    readonly name: string,
  ) {}

  /** Sentiment probabilities [negative, neutral, positive] for an analysed text. */
  probabilities(a: Analysis): Float64Array {
    const zPrior = this.prior.logits(a.features, a.dense, null);
    if (!this.heads) return softmaxInPlace(Float64Array.from(zPrior));
    for (let k = 0; k < 3; k += 1) this.offset[k] = zPrior[k]!;
    const z = this.heads.sentiment.logits(a.features, a.dense, this.offset);
    const out = new Float64Array(3);
    for (let k = 0; k < 3; k += 1) out[k] = z[k]! + (this.heads.logitBias[k] ?? 0);
    return softmaxInPlace(out);
  }

  /** Sentiment label alone (used by the eval and by training to tune thresholds). */
  classify(text: string): Sentiment {
    const p = this.probabilities(analyze(text));
    return SENTIMENTS[argmax(p)]!;
  }

  triage(input: TriageInput): TriageResult {
    const a = analyze(input.text);
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
    const priority = computePriority({
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
      explanation: this.explain(a, best, sentiment, p[best]!),
      model: this.name,
    };
  }

  private intentOf(a: Analysis, sentiment: Sentiment): Intent {
    const text = a.lower;
    const head = this.heads?.intent;
    if (head) {
      const z = head.logits(a.features, a.dense, null);
      return head.classes[argmax(softmaxInPlace(Float64Array.from(z)))] as Intent;
    }
    for (const rule of INTENT_CUES) if (ruleMatches(rule, text)) return rule.intent;
    if (sentiment === 'negative') return 'complaint';
    if (sentiment === 'positive') return a.positiveCues.includes('thanks') ? 'thanks' : 'praise';
    if (text.includes('?') || QUESTION_START.test(text)) return 'question';
    return 'other';
  }

  private complaintTypeOf(a: Analysis): string | null {
    const head = this.heads?.complaintType;
    if (head) {
      const z = head.logits(a.features, a.dense, null);
      return head.classes[argmax(softmaxInPlace(Float64Array.from(z)))] ?? null;
    }
    for (const rule of COMPLAINT_TYPE_CUES) if (rule.re.test(a.lower)) return rule.type;
    return 'other';
  }

  /** Matched cues, strongest lexicon words and the words the model weighed most for its answer. */
  private explain(a: Analysis, best: number, sentiment: Sentiment, confidence: number): string[] {
    const out = [`${sentiment} (${Math.round(confidence * 100)}%, ${this.name})`];
    for (const c of a.complaintCues) out.push(`cue: ${c}`);
    for (const c of a.positiveCues) out.push(`cue: ${c}`);
    for (const u of a.urgency) out.push(`urgency: ${u}`);
    for (const h of a.lexiconHits) out.push(`word: ${h.word} ${h.score > 0 ? '+' : ''}${h.score.toFixed(1)}`);
    const model = this.heads?.sentiment ?? this.prior;
    const seen = new Set<string>();
    const scored: { word: string; w: number }[] = [];
    for (const t of a.tokens) {
      const key = t.negated ? `not ${t.word}` : t.word;
      if (seen.has(key) || t.word.length < 2) continue;
      seen.add(key);
      const base = unigramIndex(t, HASH_DIM) * 3;
      const w = model.weights;
      const contrib = w[base + best]! - (w[base]! + w[base + 1]! + w[base + 2]!) / 3;
      if (contrib > 0) scored.push({ word: key, w: contrib });
    }
    scored.sort((x, y) => y.w - x.w);
    if (scored.length)
      out.push(
        `model words: ${scored
          .slice(0, 3)
          .map((s) => s.word)
          .join(', ')}`,
      );
    return out;
  }
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

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
