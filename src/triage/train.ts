import { ValidationError } from '../platform/errors.js';
import { type Analysis, analyze, DENSE_COUNT, HASH_DIM } from './analysis.js';
import { defaultTriager } from './default-triager.js';
import { cloneGate, recordExample, recordOutcome } from './gate.js';
import { growLabelHead, growLegacyHead, LABEL_DIM, newLabelHead, oneHot } from './label-heads.js';
import { type Example, LinearModel } from './linear.js';
import { argmax, DEFAULT_TYPES, INTENTS, SENTIMENTS, TriageModel, type WorkspaceHeads } from './model.js';
import type { Intent, Sentiment } from './types.js';

/**
 * Training a workspace model from labelled rows (`rapport train`) and updating it one correction at a
 * time (agents' corrections). The workspace sentiment head learns a correction on top of the shipped
 * prior's logits, so a handful of rows already helps and nothing is lost when there are few.
 */

/** One labelled row. Any of the labels may be missing. */
export interface LabelledRow {
  text: string;
  sentiment?: Sentiment | null;
  intent?: string | null;
  complaintType?: string | null;
}

/** Training settings (defaults chosen by 5-fold cross-validation on held-out folds). */
export interface WorkspaceTrainOptions {
  epochs?: number;
  seed?: number;
  /** Extra weight on negative examples: recall of complaints matters more than neutral precision. */
  negativeWeight?: number;
  /** Weights of neutral and positive examples (1 by default). */
  neutralWeight?: number;
  positiveWeight?: number;
  learningRate?: number;
  onProgress?: (done: number, total: number) => void;
}

const PRIOR = defaultTriager.prior;

function priorOffset(a: Analysis): Float32Array {
  return Float32Array.from(PRIOR.logits(a.features, a.dense, null));
}

function headFor(classes: string[], dim = HASH_DIM): LinearModel {
  return new LinearModel(classes, dim, DENSE_COUNT);
}

export { LABEL_DIM };

/**
 * Trains sentiment (and, when labelled, intent and complaint-type) heads from rows. Every fifth row is
 * held out first to measure, per class, whether the heads beat the default (the gates); then the
 * heads are trained on every row and carry those gates.
 */
export function trainHeads(rows: LabelledRow[], options: WorkspaceTrainOptions = {}): WorkspaceHeads {
  if (!rows.some((r) => r.sentiment)) throw new ValidationError('no rows with a sentiment label');
  const analyses = rows.map((r, i) => {
    if (i % 500 === 0) options.onProgress?.(i, rows.length * 3);
    return analyze(r.text);
  });
  const defaults = rows.map((r) => defaultTriager.defaultLabels(r.text));
  const gates = { sentiment: cloneGate(null), intent: cloneGate(null), complaintType: cloneGate(null) };
  const train = rows.map((_, i) => i % 5 !== 4);
  if (rows.length >= 10) {
    const part = fitHeads(rows, analyses, defaults, train, options, 0);
    rows.forEach((r, i) => {
      if (train[i]) return;
      const a = analyses[i]!;
      const d = defaults[i]!;
      if (r.sentiment)
        recordOutcome(gates.sentiment, sentimentOf(part, a), d.sentiment, r.sentiment, 'heldout');
      if (r.intent && part.intent)
        recordOutcome(gates.intent, labelOf(part.intent, a, d.intent), d.intent, r.intent, 'heldout');
      if (r.complaintType && part.complaintType)
        recordOutcome(
          gates.complaintType,
          labelOf(part.complaintType, a, d.complaintType),
          d.complaintType,
          r.complaintType,
          'heldout',
        );
    });
  }
  const heads = fitHeads(rows, analyses, defaults, null, options, rows.length);
  for (const r of rows) {
    if (r.sentiment) recordExample(gates.sentiment, r.sentiment);
    if (r.intent) recordExample(gates.intent, r.intent);
    if (r.complaintType) recordExample(gates.complaintType, r.complaintType);
  }
  heads.gates = gates;
  return heads;
}

function fitHeads(
  rows: LabelledRow[],
  analyses: Analysis[],
  defaults: { intent: string; complaintType: string }[],
  use: boolean[] | null,
  options: WorkspaceTrainOptions,
  progressBase: number,
): WorkspaceHeads {
  const epochs = options.epochs ?? 6;
  const negW = options.negativeWeight ?? 1.3;
  const examples: Example[] = [];
  rows.forEach((r, i) => {
    if (!r.sentiment || (use && !use[i])) return;
    const a = analyses[i]!;
    examples.push({
      x: a.features,
      dense: a.dense,
      offset: priorOffset(a),
      y: SENTIMENTS.indexOf(r.sentiment),
      weight: 1,
    });
  });
  const sentiment = headFor(SENTIMENTS);
  const lr = options.learningRate ?? (examples.length < 1000 ? 0.3 : 0.5);
  sentiment.fit(examples, {
    epochs,
    learningRate: lr,
    seed: options.seed ?? 42,
    classWeights: [negW, options.neutralWeight ?? 1, options.positiveWeight ?? 1],
    onEpoch: (e) =>
      options.onProgress?.(
        rows.length + progressBase + Math.round((e / epochs) * rows.length),
        rows.length * 3,
      ),
  });
  const heads: WorkspaceHeads = { sentiment, logitBias: [0, 0, 0], labelFeatures: 'words' };
  const pick = (field: 'intent' | 'complaintType', base: readonly string[]) => {
    const labels = rows.map((r, i) => (use && !use[i] ? null : (r[field] ?? null)));
    if (!labels.some(Boolean)) return null;
    const extra = [...new Set(labels.filter((v): v is string => Boolean(v)))].filter(
      (l) => !base.includes(l),
    );
    const head = newLabelHead([...base, ...extra.sort()]);
    const ex: Example[] = [];
    labels.forEach((label, i) => {
      if (!label) return;
      const a = analyses[i]!;
      ex.push({
        x: a.wordFeatures,
        dense: oneHot(head, defaults[i]![field]),
        offset: null,
        y: head.classes.indexOf(label),
        weight: 1,
      });
    });
    head.fit(ex, { epochs: 6, learningRate: 0.5, seed: options.seed ?? 42 });
    return head;
  };
  heads.intent = pick('intent', INTENTS);
  heads.complaintType = pick('complaintType', DEFAULT_TYPES);
  return heads;
}

/** The sentiment a head says before any gate (prior + head + logit bias). */
function sentimentOf(heads: WorkspaceHeads, a: Analysis): Sentiment {
  const z = heads.sentiment.logits(a.features, a.dense, priorOffset(a));
  const v = [0, 1, 2].map((k) => z[k]! + (heads.logitBias[k] ?? 0));
  return SENTIMENTS[argmax(v)]!;
}

/** The label a format-3 head says before any gate. */
function labelOf(head: LinearModel, a: Analysis, fallback: string): string {
  return head.classes[argmax(head.logits(a.wordFeatures, oneHot(head, fallback), null))]!;
}

/** A workspace triager over trained heads. */
export function workspaceTriager(heads: WorkspaceHeads, version: number): TriageModel {
  return new TriageModel(PRIOR, heads, `workspace@${version}`);
}

/** A correction: one text with the field an agent fixed and the right label. */
export interface Correction {
  text: string;
  field: 'sentiment' | 'intent' | 'complaintType';
  label: string;
}

function copyHeads(heads: WorkspaceHeads | null): WorkspaceHeads {
  if (!heads) {
    return {
      sentiment: headFor(SENTIMENTS),
      logitBias: [0, 0, 0],
      intent: null,
      complaintType: null,
      labelFeatures: 'words',
      gates: { sentiment: {}, intent: {}, complaintType: {} },
    };
  }
  return {
    sentiment: heads.sentiment.clone(),
    logitBias: [...heads.logitBias],
    intent: heads.intent?.clone() ?? null,
    complaintType: heads.complaintType?.clone() ?? null,
    labelFeatures: heads.labelFeatures ?? 'words',
    gates: heads.gates
      ? {
          sentiment: cloneGate(heads.gates.sentiment),
          intent: cloneGate(heads.gates.intent),
          complaintType: cloneGate(heads.gates.complaintType),
        }
      : null,
  };
}

/**
 * Applies one correction to (copies of) the heads: first it is held-out evidence for the gates (what
 * the head said before learning it, against the default), then a few SGD steps with a high weight
 * on word features only, so tens of corrections move predictions and none shifts every answer.
 * Returns new heads; the input is not mutated.
 */
export function applyCorrection(heads: WorkspaceHeads | null, c: Correction, steps = 3): WorkspaceHeads {
  const next = copyHeads(heads);
  const a = analyze(c.text);
  const gates = next.gates;
  const d = gates ? defaultTriager.defaultLabels(c.text) : null;
  if (c.field === 'sentiment') {
    const y = SENTIMENTS.indexOf(c.label as Sentiment);
    if (y < 0) throw new ValidationError(`unknown sentiment '${c.label}'`);
    if (gates && d) {
      recordOutcome(gates.sentiment, sentimentOf(next, a), d.sentiment, c.label);
      recordExample(gates.sentiment, c.label);
    }
    const ex: Example = { x: a.features, dense: a.dense, offset: priorOffset(a), y, weight: 4 };
    for (let s = 0; s < steps; s += 1) next.sentiment.step(ex, 0.5, undefined, undefined, 0, 1, true);
    return next;
  }
  const key = c.field === 'intent' ? 'intent' : 'complaintType';
  if (key === 'intent' && !INTENTS.includes(c.label as Intent))
    throw new ValidationError(`unknown intent '${c.label}'`);
  let head = next[key] ?? null;
  let dense = a.dense;
  if (gates && d) {
    head ??= newLabelHead(key === 'intent' ? INTENTS : DEFAULT_TYPES);
    if (!head.classes.includes(c.label)) head = growLabelHead(head, c.label);
    const fallback = d[key];
    recordOutcome(gates[key], labelOf(head, a, fallback), fallback, c.label);
    recordExample(gates[key], c.label);
    dense = oneHot(head, fallback);
  } else if (!head?.classes.includes(c.label)) {
    head = growLegacyHead(head, c.label, LABEL_DIM, DENSE_COUNT);
  }
  const x = next.labelFeatures === 'all' ? a.features : a.wordFeatures;
  const ex: Example = { x, dense, offset: null, y: head.classes.indexOf(c.label), weight: 4 };
  for (let s = 0; s < steps; s += 1) head.step(ex, 0.5, undefined, undefined, 0, 1, true);
  next[key] = head;
  return next;
}

export { headsFromJson, headsToJson } from './heads-json.js';
