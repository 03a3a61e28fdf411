/**
 * `npm run eval:triage`: measures triage on the airline dev split (CC BY-NC-SA, evaluation only —
 * nothing here is shipped): the out-of-the-box model, 5-fold cross-validated training, a learning
 * curve, lexicon baselines, throughput on one core, model size and training time; then on the
 * Spotify support tweets (same licence): sentiment, intent per class, urgency and the learning curve
 * of corrections.
 * Usage: tsx scripts/eval-triage.ts [path/to/dev.csv] [--quick] [--spotify=path/to/labels.csv]
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { defaultTriager } from '../src/triage/default-triager.js';
import { type SentimentMetrics, sentimentMetrics } from '../src/triage/metrics.js';
import { headsToJson, trainHeads, workspaceTriager } from '../src/triage/train.js';
import { loadAirlineRows, stratifiedFolds } from './triage-data.js';
import { correctionCurve, INTENT_CLASSES, loadSpotifyRows, measure } from './triage-spotify.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
// shared/ sits beside the main checkout (../shared) or beside the worktrees' folder (../../shared).
const sharedFile = (rel: string) =>
  [path.resolve('../shared/data', rel), path.resolve('../../shared/data', rel)].find((f) =>
    fs.existsSync(f),
  ) ?? path.resolve('../shared/data', rel);
const file = args.find((a) => !a.startsWith('--')) ?? sharedFile('airline-sentiment/dev.csv');
const spotifyFile =
  args.find((a) => a.startsWith('--spotify='))?.slice('--spotify='.length) ??
  sharedFile('twcs-spotify/labels.csv');
if (!fs.existsSync(file)) {
  console.error(`eval-triage: ${file} not found`);
  process.exit(1);
}
const rows = loadAirlineRows(file);
const actual = rows.map((r) => r.sentiment as string);
const line = (name: string, m: SentimentMetrics, extra = '') =>
  console.log(
    `${name.padEnd(34)} acc ${m.accuracy.toFixed(3)}  macroF1 ${m.macroF1.toFixed(3)}  negP ${m.negativePrecision.toFixed(3)}  negR ${m.negativeRecall.toFixed(3)}${extra}`,
  );

console.log(`triage eval on ${rows.length} rows of ${path.basename(file)} (node ${process.version})\n`);

// Lexicon baselines (devDependencies), for comparison only.
const require = createRequire(import.meta.url);
try {
  const vader = require('vader-sentiment') as {
    SentimentIntensityAnalyzer: { polarity_scores(t: string): { compound: number } };
  };
  const pred = rows.map((r) => {
    const c = vader.SentimentIntensityAnalyzer.polarity_scores(r.text).compound;
    return c <= -0.05 ? 'negative' : c >= 0.05 ? 'positive' : 'neutral';
  });
  line('baseline vader-sentiment', sentimentMetrics(actual, pred));
} catch (error) {
  console.log(`baseline vader-sentiment unavailable: ${(error as Error).message}`);
}
try {
  const Sentiment = require('sentiment') as new () => { analyze(t: string): { score: number } };
  const s = new Sentiment();
  const pred = rows.map((r) => {
    const v = s.analyze(r.text).score;
    return v < 0 ? 'negative' : v > 0 ? 'positive' : 'neutral';
  });
  line('baseline sentiment (AFINN)', sentimentMetrics(actual, pred));
} catch (error) {
  console.log(`baseline sentiment unavailable: ${(error as Error).message}`);
}

// Out of the box.
const ootb = sentimentMetrics(
  actual,
  rows.map((r) => defaultTriager.classify(r.text)),
);
line(`out of the box (${defaultTriager.name})`, ootb);

// 5-fold stratified CV and the learning curve (train on N rows of the training folds).
const folds = stratifiedFolds(rows, 5, 20150224);
const sizes = quick ? [250, 1000] : [250, 1000, 3000, 0];
const curve = new Map<number, { a: string[]; p: string[] }>();
for (const n of sizes) curve.set(n, { a: [], p: [] });
let trainSeconds = 0;
let trainRowsForTiming = 0;
for (let f = 0; f < folds.length; f += 1) {
  const test = folds[f]!.map((i) => rows[i]!);
  const trainIdx = folds.flatMap((fold, g) => (g === f ? [] : fold));
  for (const n of sizes) {
    const subset = (n === 0 ? trainIdx : trainIdx.slice(0, n)).map((i) => rows[i]!);
    const t0 = performance.now();
    const model = workspaceTriager(trainHeads(subset), 1);
    if (n === 0) {
      trainSeconds += (performance.now() - t0) / 1000;
      trainRowsForTiming += subset.length;
    }
    const c = curve.get(n)!;
    for (const r of test) {
      c.a.push(r.sentiment as string);
      c.p.push(model.classify(r.text));
    }
  }
}
for (const n of sizes) {
  const c = curve.get(n)!;
  line(`5-fold CV, train on ${n === 0 ? 'all' : n} rows`, sentimentMetrics(c.a, c.p));
}

// Full-data model: training time, size, throughput on one core.
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const heads = trainHeads(rows);
const fullTrain = (performance.now() - t0) / 1000;
const cpuTrain = process.cpuUsage(cpu0);
const fullTrainCpu = (cpuTrain.user + cpuTrain.system) / 1e6;
const json = headsToJson(heads);
const ws = workspaceTriager(heads, 1);
const texts = rows.map((r) => r.text);
// Texts per second of CPU time (user + system) of this single-threaded process: "one core", and
// robust to other processes sharing the machine; wall-clock rate alongside. Best of 5 rounds of ~1 s
// (other processes on a shared 2-core machine add noise; the best round is the least disturbed).
const throughput = (fn: (t: string) => unknown) => {
  for (let i = 0; i < 5000; i += 1) fn(texts[i % texts.length]!);
  let bestCpu = 0;
  let bestWall = 0;
  for (let round = 0; round < 5; round += 1) {
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    let n = 0;
    while (performance.now() - start < 1000) {
      for (let i = 0; i < 1000; i += 1) fn(texts[(n + i) % texts.length]!);
      n += 1000;
    }
    const wall = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpu0);
    bestCpu = Math.max(bestCpu, n / ((cpu.user + cpu.system) / 1e6));
    bestWall = Math.max(bestWall, n / wall);
  }
  return { cpu: bestCpu, wall: bestWall };
};
console.log('');
console.log(
  `training on all ${rows.length} rows: ${fullTrainCpu.toFixed(2)} s of CPU time (${fullTrain.toFixed(2)} s wall-clock)`,
);
if (trainRowsForTiming)
  console.log(`training in CV (avg per fold): ${(trainSeconds / folds.length).toFixed(2)} s`);
console.log(`serialised workspace model: ${(json.length / 1e6).toFixed(2)} MB (gzip+base64 Float32 weights)`);
const rate = (fn: (t: string) => unknown) => {
  const r = throughput(fn);
  return `${Math.round(r.cpu)} texts/s of CPU time (${Math.round(r.wall)} texts/s wall-clock)`;
};
console.log(`throughput default, sentiment only: ${rate((t) => defaultTriager.classify(t))}`);
console.log(`throughput default, full triage(): ${rate((t) => defaultTriager.triage({ text: t }))}`);
console.log(`throughput workspace, sentiment only: ${rate((t) => ws.classify(t))}`);
console.log(`throughput workspace, full triage(): ${rate((t) => ws.triage({ text: t }))}`);
console.log(
  `load average at the end: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (${os.cpus().length} cores)`,
);

// Spotify support tweets: a second industry with the inbox's label definitions.
if (fs.existsSync(spotifyFile)) {
  const spotify = loadSpotifyRows(spotifyFile);
  const m = measure(defaultTriager, spotify);
  const f3 = (v: number) => v.toFixed(3);
  console.log(
    `\nSpotify support tweets (${spotify.length} rows of ${path.basename(spotifyFile)}), ${defaultTriager.name}:`,
  );
  console.log(
    `sentiment macro-F1 ${f3(m.sentiment.macroF1)} (negative ${f3(m.sentiment.perClassF1.negative!)}, neutral ${f3(m.sentiment.perClassF1.neutral!)}, positive ${f3(m.sentiment.perClassF1.positive!)}), accuracy ${f3(m.sentiment.accuracy)}`,
  );
  console.log(
    `intent macro-F1 ${f3(m.intent.macroF1)}: ${INTENT_CLASSES.map((c) => `${c} ${f3(m.intent.perClassF1[c]!)}`).join(', ')}`,
  );
  console.log(`churn-risk recall ${f3(m.churnRecall)}`);
  console.log(
    `urgent: precision ${f3(m.urgency.precision)}, recall ${f3(m.urgency.recall)} (${m.urgency.tp} of ${m.urgency.tp + m.urgency.fn} found, ${m.urgency.fp} false alarms)`,
  );
  const curve = correctionCurve(spotify, quick ? [0, 50, 150] : [0, 25, 50, 100, 200]);
  console.log(
    `\nlearning curve of corrections (an agent corrects sentiment and intent on ${curve.stream} messages; scored on the other ${curve.test}):`,
  );
  for (const p of curve.points) {
    console.log(
      `after ${String(p.seen).padStart(3)} messages (${String(p.corrections).padStart(3)} corrections): sentiment macro-F1 ${f3(p.m.sentiment.macroF1)}, intent macro-F1 ${f3(p.m.intent.macroF1)}`,
    );
  }
} else {
  console.log(`\nSpotify set not found at ${spotifyFile}: skipped`);
}
console.log(
  `load average at the end: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
