import { analyze, DENSE_COUNT, HASH_DIM } from './analysis.js';
import { COMPLAINT_CUES } from './cues.js';
import { NEGATIVE_EXAMPLES, NEUTRAL_EXAMPLES, POSITIVE_EXAMPLES } from './examples.js';
import { CALM_REPORTS, DETAIL_REPLIES, FELT_PROBLEMS } from './examples-calm.js';
import { type Example, LinearModel } from './linear.js';
import { TriageModel } from './model.js';

/**
 * The shipped default model, built at start-up (a few milliseconds) from things Rapport may ship:
 * hand-set weights on interpretable features (lexicon valence, complaint cues, punctuation, urgency),
 * refined by averaged SGD on Rapport's own written multi-industry examples (src/triage/examples.ts).
 * No third-party labelled data is involved.
 */

/** Version of the shipped default; bump when its rules, examples or weights change. */
export const DEFAULT_MODEL_VERSION = 2;

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
// Starting weights of each complaint cue's flag, by kind (see Cue.kind): feeling is negative, time
// or money lost leans negative, a calm report of something not working stays close to neutral.
const CUE_WEIGHTS: Record<string, [number, number, number]> = {
  felt: [1.2, -0.4, -0.6],
  grievance: [0.6, -0.2, -0.3],
  report: [0.1, 0.1, -0.3],
};
const URGENCY_WEIGHT: [number, number, number] = [0.3, 0, -0.2];
const BASE_BIAS = [0.25, 0.35, -0.35];
/** Added to the negative logit after training (see buildDefaultPrior). */
const NEGATIVE_SHIFT = 0.65;

/** The default sentiment model (the prior every workspace model builds on). */
export function buildDefaultPrior(): LinearModel {
  const model = new LinearModel(['negative', 'neutral', 'positive'], HASH_DIM, DENSE_COUNT);
  const dbase = HASH_DIM * 3;
  for (let j = 0; j < DENSE_COUNT; j += 1) {
    const w =
      j < BASE_WEIGHTS.length
        ? BASE_WEIGHTS[j]!
        : j < BASE_WEIGHTS.length + COMPLAINT_CUES.length
          ? CUE_WEIGHTS[COMPLAINT_CUES[j - BASE_WEIGHTS.length]!.kind ?? 'grievance']!
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
  add(FELT_PROBLEMS, 0);
  add(NEUTRAL_EXAMPLES, 1);
  add(CALM_REPORTS, 1);
  add(DETAIL_REPLIES, 1);
  add(POSITIVE_EXAMPLES, 2);
  model.fit(examples, { epochs: 6, learningRate: 0.3, seed: 7 });
  // Missing an unhappy customer costs more than a second look at a calm one: lean negative.
  model.bias[0] = model.bias[0]! + NEGATIVE_SHIFT;
  return model;
}

/** The shipped default triager ("default@N"). */
export const defaultTriager: TriageModel = new TriageModel(
  buildDefaultPrior().freeze(),
  null,
  `default@${DEFAULT_MODEL_VERSION}`,
);
