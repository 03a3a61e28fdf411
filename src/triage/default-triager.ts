import { analyze, DENSE_COUNT, HASH_DIM } from './analysis.js';
import { COMPLAINT_CUES } from './cues.js';
import { NEGATIVE_EXAMPLES, NEUTRAL_EXAMPLES, POSITIVE_EXAMPLES } from './examples.js';
import { type Example, LinearModel } from './linear.js';
import { TriageModel } from './model.js';

/**
 * The shipped default model, built at start-up (a few milliseconds) from things Rapport may ship:
 * hand-set weights on interpretable features (lexicon valence, complaint cues, punctuation, urgency),
 * refined by averaged SGD on Rapport's own written multi-industry examples (src/triage/examples.ts).
 * No third-party labelled data is involved.
 */

/** Version of the shipped default; bump when its rules, examples or weights change. */
export const DEFAULT_MODEL_VERSION = 1;

// Hand-set starting weights per dense feature: [negative, neutral, positive].
const BASE_WEIGHTS: [number, number, number][] = [
  [-1.2, 0, 2.2], // lexicon positive valence
  [2.6, 0, -1.2], // lexicon negative valence
  [3.0, -0.8, -1.6], // number of complaint cues
  [-0.6, -0.2, 1.6], // thanks
  [-0.3, -0.2, 1.0], // praise word
  [-0.6, 0, 1.0], // smiley
  [0.1, 0.5, -0.6], // question mark
  [0.6, -0.6, 0.3], // exclamation marks
  [0.9, -0.4, -0.1], // all-caps words
  [1.0, 0, -0.6], // negations
  [1.0, -0.2, -0.6], // urgency cues
  [0.4, -0.1, -0.3], // length
];
const CUE_WEIGHT: [number, number, number] = [0.5, -0.1, -0.3];
const URGENCY_WEIGHT: [number, number, number] = [0.3, 0, -0.2];
const BASE_BIAS = [0.25, 0.35, -0.35];

/** The default sentiment model (the prior every workspace model builds on). */
export function buildDefaultPrior(): LinearModel {
  const model = new LinearModel(['negative', 'neutral', 'positive'], HASH_DIM, DENSE_COUNT);
  const dbase = HASH_DIM * 3;
  for (let j = 0; j < DENSE_COUNT; j += 1) {
    const w =
      j < BASE_WEIGHTS.length
        ? BASE_WEIGHTS[j]!
        : j < BASE_WEIGHTS.length + COMPLAINT_CUES.length
          ? CUE_WEIGHT
          : URGENCY_WEIGHT;
    for (let k = 0; k < 3; k += 1) model.weights[dbase + j * 3 + k] = w[k]!;
  }
  model.bias.set(BASE_BIAS);
  const examples: Example[] = [];
  const add = (texts: string[], y: number) => {
    for (const text of texts) {
      const a = analyze(text);
      examples.push({ x: a.features, dense: a.dense, offset: null, y, weight: 1 });
    }
  };
  add(NEGATIVE_EXAMPLES, 0);
  add(NEUTRAL_EXAMPLES, 1);
  add(POSITIVE_EXAMPLES, 2);
  model.fit(examples, { epochs: 6, learningRate: 0.3, seed: 7 });
  return model;
}

/** The shipped default triager ("default@N"). */
export const defaultTriager: TriageModel = new TriageModel(
  buildDefaultPrior().freeze(),
  null,
  `default@${DEFAULT_MODEL_VERSION}`,
);
