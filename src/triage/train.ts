import { ValidationError } from '../platform/errors.js';
import { type Analysis, analyze, DENSE_COUNT, HASH_DIM } from './analysis.js';
import { defaultTriager } from './default-triager.js';
import { type Example, LinearModel } from './linear.js';
import { SENTIMENTS, TriageModel, type WorkspaceHeads } from './model.js';
import type { Sentiment } from './types.js';

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

/**
 * Hash buckets of the intent and complaint-type heads: they read word uni/bigrams only (a few dozen
 * per message), so 2^16 buckets hold a team's vocabulary and keep a many-class head small and fast.
 */
export const LABEL_DIM = 1 << 16;

function headFor(classes: string[], dim = HASH_DIM): LinearModel {
  return new LinearModel(classes, dim, DENSE_COUNT);
}

/** Trains sentiment (and, when labelled, intent and complaint-type) heads from rows. */
export function trainHeads(rows: LabelledRow[], options: WorkspaceTrainOptions = {}): WorkspaceHeads {
  const labelled = rows.filter((r) => r.sentiment);
  if (labelled.length === 0) throw new ValidationError('no rows with a sentiment label');
  const epochs = options.epochs ?? 6;
  const negW = options.negativeWeight ?? 1.3;
  const analyses = rows.map((r, i) => {
    if (i % 500 === 0) options.onProgress?.(i, rows.length * 2);
    return analyze(r.text);
  });
  const examples: Example[] = [];
  rows.forEach((r, i) => {
    if (!r.sentiment) return;
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
      options.onProgress?.(rows.length + Math.round((e / epochs) * rows.length), rows.length * 2),
  });
  const heads: WorkspaceHeads = { sentiment, logitBias: [0, 0, 0], labelFeatures: 'words' };
  heads.intent = trainLabelHead(rows, analyses, (r) => r.intent, options.seed);
  heads.complaintType = trainLabelHead(rows, analyses, (r) => r.complaintType, options.seed);
  return heads;
}

function trainLabelHead(
  rows: LabelledRow[],
  analyses: Analysis[],
  pick: (r: LabelledRow) => string | null | undefined,
  seed = 42,
): LinearModel | null {
  const classes = [...new Set(rows.map(pick).filter((v): v is string => Boolean(v)))].sort();
  if (classes.length === 0) return null;
  const examples: Example[] = [];
  rows.forEach((r, i) => {
    const label = pick(r);
    if (!label) return;
    const a = analyses[i]!;
    examples.push({ x: a.wordFeatures, dense: a.dense, offset: null, y: classes.indexOf(label), weight: 1 });
  });
  const head = headFor(classes, LABEL_DIM);
  head.fit(examples, { epochs: 6, learningRate: 0.5, seed });
  return head;
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

/**
 * Applies one correction to (copies of) the heads: a few SGD steps with a high weight, so tens of
 * corrections already move predictions. Returns new heads; the input is not mutated.
 */
export function applyCorrection(heads: WorkspaceHeads | null, c: Correction, steps = 3): WorkspaceHeads {
  const next: WorkspaceHeads = heads
    ? {
        sentiment: heads.sentiment.clone(),
        logitBias: [...heads.logitBias],
        intent: heads.intent?.clone() ?? null,
        complaintType: heads.complaintType?.clone() ?? null,
        labelFeatures: heads.labelFeatures ?? 'words',
      }
    : {
        sentiment: headFor(SENTIMENTS),
        logitBias: [0, 0, 0],
        intent: null,
        complaintType: null,
        labelFeatures: 'words',
      };
  const a = analyze(c.text);
  if (c.field === 'sentiment') {
    const y = SENTIMENTS.indexOf(c.label as Sentiment);
    if (y < 0) throw new ValidationError(`unknown sentiment '${c.label}'`);
    const ex: Example = { x: a.features, dense: a.dense, offset: priorOffset(a), y, weight: 4 };
    for (let s = 0; s < steps; s += 1) next.sentiment.step(ex, 0.5, undefined, undefined, 0, 1, true);
    return next;
  }
  const key = c.field === 'intent' ? 'intent' : 'complaintType';
  let head = next[key] ?? null;
  if (!head?.classes.includes(c.label)) head = growHead(head, c.label);
  const ex: Example = {
    x: next.labelFeatures === 'all' ? a.features : a.wordFeatures,
    dense: a.dense,
    offset: null,
    y: head.classes.indexOf(c.label),
    weight: 4,
  };
  for (let s = 0; s < steps; s += 1) head.step(ex, 0.5, undefined, undefined, 0, 1, true);
  next[key] = head;
  return next;
}

/** A copy of `head` with one more class (new complaint types appear as agents name them). */
function growHead(head: LinearModel | null, label: string): LinearModel {
  const classes = head ? [...head.classes, label] : [label];
  const grown = headFor(classes, head?.dim ?? LABEL_DIM);
  if (head) {
    const c0 = head.classes.length;
    const c1 = classes.length;
    for (let f = 0; f < head.dim + DENSE_COUNT; f += 1) {
      for (let k = 0; k < c0; k += 1) grown.weights[f * c1 + k] = head.weights[f * c0 + k]!;
    }
    grown.bias.set(head.bias);
  }
  return grown;
}

/** Serialises heads for triage_models.model. */
export function headsToJson(heads: WorkspaceHeads): string {
  return JSON.stringify({
    format: heads.labelFeatures === 'all' ? 1 : 2,
    sentiment: heads.sentiment.toJSON(),
    logitBias: heads.logitBias,
    intent: heads.intent?.toJSON() ?? null,
    complaintType: heads.complaintType?.toJSON() ?? null,
  });
}

/** Parses headsToJson's output; throws ValidationError on anything else. */
export function headsFromJson(text: string): WorkspaceHeads {
  let json: {
    format?: number;
    sentiment?: unknown;
    logitBias?: number[];
    intent?: unknown;
    complaintType?: unknown;
  };
  try {
    json = JSON.parse(text);
  } catch {
    throw new ValidationError('triage model is not JSON');
  }
  if (json.format !== 1 && json.format !== 2) throw new ValidationError('unknown triage model format');
  return {
    // Format 1 (before label heads moved to word features) keeps scoring them on every feature.
    labelFeatures: json.format === 1 ? 'all' : 'words',
    sentiment: LinearModel.fromJSON(json.sentiment),
    logitBias: Array.isArray(json.logitBias) ? json.logitBias : [0, 0, 0],
    intent: json.intent ? LinearModel.fromJSON(json.intent) : null,
    complaintType: json.complaintType ? LinearModel.fromJSON(json.complaintType) : null,
  };
}
