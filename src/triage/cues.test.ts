import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAirlineRows } from '../../scripts/triage-data.js';
import { ALL_RULES, ruleFires, scanTriggers } from './cues.js';
import { NEGATIVE_EXAMPLES, NEUTRAL_EXAMPLES, POSITIVE_EXAMPLES } from './examples.js';
import { CALM_REPORTS, DETAIL_REPLIES, FELT_PROBLEMS } from './examples-calm.js';
import { lowerText } from './text.js';

const EDGE_CASES = [
  'waited 3hrs at the desk',
  'twohours on hold!!',
  'a few days later, still nothing',
  'f**k this, f*ck that',
  'paid $50 for nothing',
  'charged me twice?!',
  'thanks :) see you :-d',
  'love it 😀 🥰 ❤️ ♥',
  'what??? why!!!',
  'great service... /s',
  'flight delayed again #fail #sarcasm',
  'aamazing crew',
  "can't log in, won't let me reset, cannot access my account, couldnt sign in",
  'wont load, doesnt work, never arrived, yet to be refunded',
  'kids stranded at the gate, gas leak near the hospital',
  'it would be great if you could add dark mode',
  'do you have the blue one in stock? how much is it',
  'switching to a competitor, close my account',
  'lost my bag, broken item, wrong order, hidden fee',
  "where's my refund? what's going on",
  'no-one answered, nobody called back, hung up on me',
  'the app keeps crashing every single time, 3rd time this week',
  'currently no power as we speak, right now at the moment',
  'legal action, small claims, reporting you to the bbb',
];

function texts(): string[] {
  const out = [
    ...NEGATIVE_EXAMPLES,
    ...NEUTRAL_EXAMPLES,
    ...POSITIVE_EXAMPLES,
    ...CALM_REPORTS,
    ...DETAIL_REPLIES,
    ...FELT_PROBLEMS,
    ...EDGE_CASES,
  ];
  const file = path.resolve('../shared/data/airline-sentiment/dev.csv');
  if (fs.existsSync(file)) for (const r of loadAirlineRows(file)) out.push(r.text);
  return out;
}

describe('cue triggers', () => {
  it('never skip a rule whose regex matches (triggers are a necessary condition)', () => {
    const missed: string[] = [];
    let fired = 0;
    for (const text of texts()) {
      const lower = lowerText(text);
      const marks = scanTriggers(lower);
      ALL_RULES.forEach((rule, id) => {
        const full = rule.re.test(lower);
        if (full) fired += 1;
        if (full !== ruleFires(rule, lower, marks)) missed.push(`rule ${id}: ${text}`);
      });
    }
    expect(missed).toEqual([]);
    expect(fired).toBeGreaterThan(100);
  });

  it('every edge case fires some rule, and skipped rules are the common case', () => {
    let marked = 0;
    let total = 0;
    for (const text of EDGE_CASES) {
      const lower = lowerText(text);
      const marks = scanTriggers(lower);
      expect(ALL_RULES.some((r) => ruleFires(r, lower, marks))).toBe(true);
    }
    for (const text of NEUTRAL_EXAMPLES) {
      const marks = scanTriggers(lowerText(text));
      for (const m of marks) marked += m;
      total += marks.length;
    }
    expect(marked / total).toBeLessThan(0.5);
  });
});
