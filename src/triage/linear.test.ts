import { describe, expect, it } from 'vitest';
import { seededRandom } from '../platform/random.js';
import { analyze, DENSE_COUNT, HASH_DIM } from './analysis.js';
import { defaultTriager } from './default-triager.js';
import { CompactScorer, LinearModel } from './linear.js';
import { fixed1, mergeLinear } from './model.js';
import { headsFromJson, headsToJson, LABEL_DIM, trainHeads, workspaceTriager } from './train.js';

const TEXTS = [
  'still no refund after 3 weeks!!!',
  'thank you so much :) the crew was lovely',
  'do you ship to canada?',
  "the app won't load and I can't log in",
];

function randomModel(classes: string[], seed: number, fill: number): LinearModel {
  const m = new LinearModel(classes, HASH_DIM, DENSE_COUNT);
  const rand = seededRandom(seed);
  for (let i = 0; i < m.weights.length; i += 1) if (rand() < fill) m.weights[i] = rand() - 0.5;
  for (let k = 0; k < m.bias.length; k += 1) m.bias[k] = rand() - 0.5;
  return m;
}

describe('linear scoring', () => {
  it('a frozen model (sparse-row bitmap) scores exactly like the unfrozen one', () => {
    const sparse = randomModel(['a', 'b', 'c'], 1, 0.01);
    const copy = sparse.clone().freeze();
    for (const t of TEXTS) {
      const a = analyze(t);
      expect(Array.from(copy.logits(a.features, a.dense, null))).toEqual(
        Array.from(sparse.logits(a.features, a.dense, null)),
      );
    }
  });

  it('the 16-bit scorer gives the logits of the Float32 model', () => {
    for (const [classes, fill] of [
      [['a', 'b', 'c'], 0.01],
      [['a', 'b', 'c'], 0.9],
      [['a', 'b', 'c', 'd', 'e'], 0.3],
    ] as const) {
      const m = randomModel([...classes], 5, fill);
      const compact = new CompactScorer(m);
      for (const t of TEXTS) {
        const a = analyze(t);
        const want = Array.from(m.logits(a.features, a.dense, null));
        const got = Array.from(compact.logits(a.features, a.dense));
        expect(got).toHaveLength(classes.length);
        for (let k = 0; k < classes.length; k += 1) expect(Math.abs(got[k]! - want[k]!)).toBeLessThan(1e-3);
      }
    }
  });

  it('a merged model scores like the prior plus the head plus the bias', () => {
    const prior = randomModel(['n', 'u', 'p'], 2, 0.05);
    const head = randomModel(['n', 'u', 'p'], 3, 0.05);
    const bias = [0.3, -0.1, 0.2];
    const merged = mergeLinear(prior, head, bias).freeze();
    for (const t of TEXTS) {
      const a = analyze(t);
      const zp = Array.from(prior.logits(a.features, a.dense, null));
      const zh = Array.from(head.logits(a.features, a.dense, null));
      const zm = Array.from(merged.logits(a.features, a.dense, null));
      for (let k = 0; k < 3; k += 1) expect(zm[k]).toBeCloseTo(zp[k]! + zh[k]! + bias[k]!, 4);
    }
  });

  it('a workspace triager agrees with prior + residual head scored separately', () => {
    const rows = Array.from({ length: 90 }, (_, i) => ({
      text: [`the fries were mid ${i}`, `thanks for the ${i} burgers`, `open at ${i}?`][i % 3]!,
      sentiment: (['negative', 'positive', 'neutral'] as const)[i % 3],
    }));
    const heads = trainHeads(rows);
    const ws = workspaceTriager(heads, 1);
    for (const t of [...TEXTS, 'the wrap was mid']) {
      const a = analyze(t);
      const offset = Float32Array.from(defaultTriager.prior.logits(a.features, a.dense, null));
      const z = Array.from(heads.sentiment.logits(a.features, a.dense, offset));
      const p = Array.from(ws.probabilities(a));
      const e = z.map((v) => Math.exp(v - Math.max(...z)));
      const s = e.reduce((x, y) => x + y, 0);
      for (let k = 0; k < 3; k += 1) expect(p[k]).toBeCloseTo(e[k]! / s, 3);
    }
  });

  it('loads models stored before format 3 (ungated label heads, format 1 on every feature)', () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({
      text: i % 2 ? `my latte was cold ${i}` : `charged twice for order ${i}`,
      sentiment: 'negative' as const,
      complaintType: i % 2 ? 'cold_drink' : 'billing',
    }));
    const heads = trainHeads(rows);
    expect(heads.complaintType?.dim).toBe(LABEL_DIM);
    expect(JSON.parse(headsToJson(heads)).format).toBe(3);
    // A format-1 model: a label head over every feature and the sentiment dense vector, no gates.
    const legacy = new LinearModel(['cold_drink', 'billing'], LABEL_DIM, DENSE_COUNT);
    legacy.fit(
      rows.map((r) => {
        const a = analyze(r.text);
        return {
          x: a.features,
          dense: a.dense,
          offset: null,
          y: r.complaintType === 'cold_drink' ? 0 : 1,
          weight: 1,
        };
      }),
    );
    const json = JSON.parse(
      headsToJson({ ...heads, complaintType: legacy, labelFeatures: 'all', gates: null }),
    );
    expect(json.format).toBe(1);
    const old = headsFromJson(JSON.stringify(json));
    expect(old.labelFeatures).toBe('all');
    expect(old.gates).toBeNull();
    const result = workspaceTriager(old, 1).triage({ text: 'cold latte again' });
    expect(result.complaintType).toBe('cold_drink');
    expect(headsFromJson(JSON.stringify({ ...json, format: 2 })).labelFeatures).toBe('words');
  });

  it('formats scores like toFixed(1)', () => {
    for (let v = -4; v <= 4; v += 0.037) {
      if (Math.abs(v) < 0.05) continue;
      expect(fixed1(v)).toBe(v.toFixed(1));
    }
  });
});
