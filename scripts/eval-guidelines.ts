/**
 * `npm run eval:guidelines`: measures the reply checks against the hand-labelled brand replies in
 * ../shared/data/twcs-replies (CC BY-NC-SA, evaluation only: nothing here is shipped or trained on).
 * Prints offline_shunt precision/recall, unsigned agreement with the `signed` label and
 * not_personal F1 (positive = `personalized` is no), on all rows and on the even and odd halves, so
 * rules written on one half can be checked on the other.
 * Usage: tsx scripts/eval-guidelines.ts [path/to/replies.csv] [--errors=shunt|signed|personal] (errors of the even half only)
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { engages } from '../src/guidelines/personal.js';
import { findShunt } from '../src/guidelines/shunt.js';
import { isSigned } from '../src/guidelines/signature.js';

interface Row {
  reply: string;
  customer_tweet: string;
  offline_shunt: string;
  personalized: string;
  signed: string;
  note: string;
}

const args = process.argv.slice(2);
const sharedFile = (rel: string) =>
  [path.resolve('../shared/data', rel), path.resolve('../../shared/data', rel)].find((f) =>
    fs.existsSync(f),
  ) ?? path.resolve('../shared/data', rel);
const file = args.find((a) => !a.startsWith('--')) ?? sharedFile('twcs-replies/replies.csv');
if (!fs.existsSync(file)) {
  console.error(`eval-guidelines: ${file} not found`);
  process.exit(1);
}
const errors = args.find((a) => a.startsWith('--errors='))?.slice('--errors='.length);
const rows = parse(fs.readFileSync(file), { columns: true }) as Row[];

interface Scores {
  shuntP: number;
  shuntR: number;
  signedAgree: number;
  personalF1: number;
  n: number;
}

function prf(pairs: [boolean, boolean][]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [predicted, actual] of pairs) {
    if (predicted && actual) tp += 1;
    else if (predicted) fp += 1;
    else if (actual) fn += 1;
  }
  const p = tp / Math.max(1, tp + fp);
  const r = tp / Math.max(1, tp + fn);
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

function score(part: Row[]): Scores {
  const shunt = prf(part.map((r) => [findShunt(r.reply) !== undefined, r.offline_shunt === 'yes']));
  const agree = part.filter((r) => isSigned(r.reply) === (r.signed === 'yes')).length / part.length;
  const personal = prf(part.map((r) => [!engages(r.reply, r.customer_tweet), r.personalized === 'no']));
  return { shuntP: shunt.p, shuntR: shunt.r, signedAgree: agree, personalF1: personal.f1, n: part.length };
}

const line = (name: string, s: Scores) =>
  console.log(
    `${name.padEnd(10)} n=${String(s.n).padStart(3)}  offline_shunt P ${s.shuntP.toFixed(3)} R ${s.shuntR.toFixed(3)}  unsigned agreement ${(100 * s.signedAgree).toFixed(1)}%  not_personal F1 ${s.personalF1.toFixed(3)}`,
  );

console.log(
  `reply checks on ${path.basename(path.dirname(file))}/${path.basename(file)} (${rows.length} rows)`,
);
console.log(
  'targets: offline_shunt P >= 0.85, R >= 0.90; unsigned agreement >= 95%; not_personal F1 >= 0.70',
);
line('all', score(rows));
line('even rows', score(rows.filter((_, i) => i % 2 === 0)));
line('odd rows', score(rows.filter((_, i) => i % 2 === 1)));

if (errors) {
  for (const [i, r] of rows.entries()) {
    const [predicted, actual] =
      errors === 'shunt'
        ? [findShunt(r.reply)?.match ?? false, r.offline_shunt === 'yes']
        : errors === 'signed'
          ? [isSigned(r.reply), r.signed === 'yes']
          : [!engages(r.reply, r.customer_tweet), r.personalized === 'no'];
    if (i % 2 === 0 && Boolean(predicted) !== actual) {
      console.log(
        `\n#${i} predicted ${predicted} label ${actual}\n  R: ${r.reply}\n  C: ${r.customer_tweet}\n  N: ${r.note}`,
      );
    }
  }
}
