import { describe, expect, it } from 'vitest';
import { defaultTriager } from './default-triager.js';
import { applyCorrection, headsFromJson, headsToJson, workspaceTriager } from './train.js';

// Messages unrelated to the corrections below, across kinds (the issue's own examples first).
const UNRELATED = [
  'thank you so much',
  'I was charged twice',
  'how do I reset my password?',
  'my parcel still has not arrived after two weeks',
  'love the new menu, the croissants are fantastic',
  'can I switch my plan to the yearly one?',
  'the app crashes every time I open my statements',
];

function labels(t: {
  triage(i: { text: string }): { sentiment: string; intent: string; complaintType: string | null };
}) {
  return UNRELATED.map((text) => {
    const r = t.triage({ text });
    return { text, sentiment: r.sentiment, intent: r.intent, complaintType: r.complaintType };
  });
}

describe('learning from corrections never makes unrelated answers worse', () => {
  it('one intent correction and one complaint-type correction change no unrelated message', () => {
    let heads = applyCorrection(null, {
      text: 'would be great if you stocked oat milk in the small shops too',
      field: 'intent',
      label: 'feature_request',
    });
    heads = applyCorrection(heads, {
      text: 'the website says the jacket is in stock but the store had none',
      field: 'complaintType',
      label: 'website_stock_check',
    });
    const ws = workspaceTriager(headsFromJson(headsToJson(heads)), 1);
    expect(labels(ws)).toEqual(labels(defaultTriager));
  });

  it('a single correction of any field changes no unrelated message', () => {
    const corrections = [
      { text: 'the delivery guy was lovely but the box was soaked', field: 'sentiment', label: 'negative' },
      { text: 'ok I sent you a DM with my order number', field: 'intent', label: 'other' },
      { text: 'the till rang up the oat milk twice', field: 'complaintType', label: 'till_error' },
    ] as const;
    for (const c of corrections) {
      const ws = workspaceTriager(applyCorrection(null, c), 1);
      expect(labels(ws)).toEqual(labels(defaultTriager));
    }
  });

  it('a class the team keeps teaching takes over once it beats the default', () => {
    let heads = null;
    const drinks = ['latte', 'mocha', 'flat white', 'cappuccino', 'chai', 'americano'];
    for (let i = 0; i < 12; i += 1) {
      heads = applyCorrection(heads, {
        text: `my ${drinks[i % drinks.length]} was lukewarm again`,
        field: 'complaintType',
        label: 'drink_temperature',
      });
    }
    const ws = workspaceTriager(heads!, 2);
    expect(ws.triage({ text: 'the cortado was lukewarm, unacceptable' }).complaintType).toBe(
      'drink_temperature',
    );
    expect(ws.triage({ text: 'I was charged twice for my order, unacceptable' }).complaintType).toBe(
      defaultTriager.triage({ text: 'I was charged twice for my order, unacceptable' }).complaintType,
    );
  });
});
