import { describe, expect, it } from 'vitest';
import { defaultTriager } from './default-triager.js';
import { applyCorrection, headsFromJson, headsToJson, trainHeads, workspaceTriager } from './train.js';

// A workspace whose customers use "meh" and "mid" for bad experiences, which no lexicon knows (and
// which the default gets wrong: agents only correct what was wrong).
const SLANG = (i: number) =>
  `honestly the ${['burger', 'fries', 'shake', 'wrap', 'salad'][i % 5]} was ${i % 2 ? 'meh' : 'mid'}`;

describe('workspace training', () => {
  it('moves predictions after tens of corrections', () => {
    const probe = 'honestly the pizza was mid';
    expect(defaultTriager.classify(probe)).not.toBe('negative');
    let heads = null;
    for (let i = 0; i < 20; i += 1)
      heads = applyCorrection(heads, { text: SLANG(i), field: 'sentiment', label: 'negative' });
    const model = workspaceTriager(heads!, 1);
    expect(model.classify(probe)).toBe('negative');
    // Unrelated messages keep the prior's answers.
    expect(model.classify('thank you so much for the quick help')).toBe('positive');
    expect(model.classify('what time do you open on sunday?')).toBe('neutral');
  });

  it('learns complaint types and intents from corrections', () => {
    let heads = null;
    for (let i = 0; i < 10; i += 1) {
      heads = applyCorrection(heads, {
        text: `my ${['latte', 'mocha'][i % 2]} was cold again`,
        field: 'complaintType',
        label: 'cold_drink',
      });
      heads = applyCorrection(heads, {
        text: `the card terminal rejected my payment ${i}`,
        field: 'complaintType',
        label: 'payments',
      });
    }
    const model = workspaceTriager(heads!, 2);
    expect(model.triage({ text: 'the flat white was cold, unacceptable' }).complaintType).toBe('cold_drink');
  });

  it('trains from rows deterministically and round-trips through JSON', () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({
      text:
        i % 3 === 0 ? SLANG(i) : i % 3 === 1 ? `thanks for the ${i} great burgers` : `are you open at ${i}?`,
      sentiment: (['negative', 'positive', 'neutral'] as const)[i % 3],
    }));
    const a = trainHeads(rows);
    const b = trainHeads(rows);
    expect(headsToJson(a)).toBe(headsToJson(b));
    const restored = workspaceTriager(headsFromJson(headsToJson(a)), 3);
    const original = workspaceTriager(a, 3);
    for (const t of ['the fries were mid', 'thanks!', 'are you open at 9?']) {
      expect(restored.triage({ text: t })).toEqual(original.triage({ text: t }));
    }
    expect(restored.classify('the wrap was meh')).toBe('negative');
    expect(() => headsFromJson('{"format":99}')).toThrow(/format/);
  });
});
