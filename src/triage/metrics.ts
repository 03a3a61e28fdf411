/**
 * Classification metrics for sentiment (accuracy, macro-F1, negative precision/recall), shared by
 * training (stored with each model version), the eval script and the tests.
 */
export interface SentimentMetrics {
  rows: number;
  accuracy: number;
  macroF1: number;
  negativePrecision: number;
  negativeRecall: number;
  perClassF1: Record<string, number>;
}

/** Computes the metrics of `predicted` against `actual` over the given class labels. */
export function sentimentMetrics(
  actual: readonly string[],
  predicted: readonly string[],
  classes: readonly string[] = ['negative', 'neutral', 'positive'],
): SentimentMetrics {
  let correct = 0;
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  for (let i = 0; i < actual.length; i += 1) {
    const a = actual[i]!;
    const p = predicted[i]!;
    if (a === p) {
      correct += 1;
      tp.set(a, (tp.get(a) ?? 0) + 1);
    } else {
      fp.set(p, (fp.get(p) ?? 0) + 1);
      fn.set(a, (fn.get(a) ?? 0) + 1);
    }
  }
  const perClassF1: Record<string, number> = {};
  const prec = (c: string) => {
    const t = tp.get(c) ?? 0;
    return t + (fp.get(c) ?? 0) ? t / (t + (fp.get(c) ?? 0)) : 0;
  };
  const rec = (c: string) => {
    const t = tp.get(c) ?? 0;
    return t + (fn.get(c) ?? 0) ? t / (t + (fn.get(c) ?? 0)) : 0;
  };
  let sum = 0;
  for (const c of classes) {
    const p = prec(c);
    const r = rec(c);
    const f = p + r ? (2 * p * r) / (p + r) : 0;
    perClassF1[c] = round(f);
    sum += f;
  }
  return {
    rows: actual.length,
    accuracy: round(actual.length ? correct / actual.length : 0),
    macroF1: round(sum / classes.length),
    negativePrecision: round(prec('negative')),
    negativeRecall: round(rec('negative')),
    perClassF1,
  };
}

function round(v: number): number {
  return Math.round(v * 10000) / 10000;
}
