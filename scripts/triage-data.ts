/**
 * Loading the airline dev split and making seeded stratified folds, shared by the eval script and the
 * accuracy test. The data is CC BY-NC-SA: used for evaluation only, never for shipped weights.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { seededRandom } from '../src/platform/random.js';
import type { LabelledRow } from '../src/triage/train.js';
import type { Sentiment } from '../src/triage/types.js';

/** The records of a CSV file with a header row, as column → value (the dev sets' readers share it). */
export function readCsvRecords(file: string): Record<string, string>[] {
  return parse(fs.readFileSync(file), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

/** Rows of dev.csv as labelled rows (text, sentiment, complaint type from negativereason). */
export function loadAirlineRows(file: string): LabelledRow[] {
  return readCsvRecords(file).map((r) => ({
    text: r.text ?? '',
    sentiment: r.airline_sentiment as Sentiment,
    complaintType: r.negativereason || null,
  }));
}

/** Stratified (by sentiment) k folds of row indices, shuffled with a seeded PRNG. */
export function stratifiedFolds(rows: LabelledRow[], k: number, seed: number): number[][] {
  const rand = seededRandom(seed);
  const byClass = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const key = r.sentiment ?? '';
    if (!byClass.has(key)) byClass.set(key, []);
    byClass.get(key)!.push(i);
  });
  const folds: number[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const key of [...byClass.keys()].sort()) {
    const idx = byClass.get(key)!;
    for (let i = idx.length - 1; i > 0; i -= 1) {
      const j = Math.floor(rand() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    for (const i of idx) {
      folds[next % k]!.push(i);
      next += 1;
    }
  }
  // Shuffle each fold so "the first N training rows" is a random stratified-ish sample.
  for (const fold of folds) {
    for (let i = fold.length - 1; i > 0; i -= 1) {
      const j = Math.floor(rand() * (i + 1));
      [fold[i], fold[j]] = [fold[j]!, fold[i]!];
    }
  }
  return folds;
}
