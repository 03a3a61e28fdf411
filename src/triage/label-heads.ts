import { LinearModel } from './linear.js';

/**
 * Intent and complaint-type heads of a workspace model (format 3). A head reads word uni/bigrams plus
 * the default's answer as a one-hot dense input whose weights start at PRIOR_MARGIN: until words
 * outweigh that margin the head repeats the default, so one correction moves the corrected text and
 * near-copies of it, never unrelated messages.
 */

/**
 * Hash buckets of the intent and complaint-type heads: they read word uni/bigrams only (a few dozen
 * per message), so 2^16 buckets hold a team's vocabulary and keep a many-class head small and fast.
 */
export const LABEL_DIM = 1 << 16;

/** Starting logit margin of the default's answer in a label head. */
export const PRIOR_MARGIN = 1.5;

/** A new format-3 label head over `classes` (the default's answer weighs PRIOR_MARGIN). */
export function newLabelHead(classes: string[]): LinearModel {
  const c = classes.length;
  const head = new LinearModel([...classes], LABEL_DIM, c);
  for (let j = 0; j < c; j += 1) head.weights[(LABEL_DIM + j) * c + j] = PRIOR_MARGIN;
  return head;
}

/** A copy of a format-3 head with one more class (new complaint types appear as agents name them). */
export function growLabelHead(head: LinearModel, label: string): LinearModel {
  const c0 = head.classes.length;
  const c1 = c0 + 1;
  const grown = newLabelHead([...head.classes, label]);
  for (let f = 0; f < head.dim; f += 1) {
    for (let k = 0; k < c0; k += 1) grown.weights[f * c1 + k] = head.weights[f * c0 + k]!;
  }
  for (let j = 0; j < c0; j += 1) {
    for (let k = 0; k < c0; k += 1)
      grown.weights[(head.dim + j) * c1 + k] = head.weights[(head.dim + j) * c0 + k]!;
  }
  grown.bias.set(head.bias);
  return grown;
}

/** The one-hot dense input of a label head for the default's answer (all zero if it is not a class). */
export function oneHot(head: LinearModel, label: string): Float32Array {
  const v = new Float32Array(head.classes.length);
  const i = head.classes.indexOf(label);
  if (i >= 0) v[i] = 1;
  return v;
}

/**
 * A copy of a pre-format-3 head (word features and the sentiment dense vector, no default input),
 * kept so models stored before can still be scored as they were.
 */
export function growLegacyHead(
  head: LinearModel | null,
  label: string,
  dim: number,
  dense: number,
): LinearModel {
  const classes = head ? [...head.classes, label] : [label];
  const grown = new LinearModel(classes, head?.dim ?? dim, dense);
  if (head) {
    const c0 = head.classes.length;
    const c1 = classes.length;
    for (let f = 0; f < head.dim + dense; f += 1) {
      for (let k = 0; k < c0; k += 1) grown.weights[f * c1 + k] = head.weights[f * c0 + k]!;
    }
    grown.bias.set(head.bias);
  }
  return grown;
}
