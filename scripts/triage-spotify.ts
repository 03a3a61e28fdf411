import { seededRandom } from '../src/platform/random.js';
import { defaultTriager } from '../src/triage/default-triager.js';
import { sentimentMetrics } from '../src/triage/metrics.js';
import type { WorkspaceHeads } from '../src/triage/model.js';
import { applyCorrection, workspaceTriager } from '../src/triage/train.js';
import { type Intent, intents, type Sentiment, type Triager, type UrgencyCue } from '../src/triage/types.js';
import { readCsvRecords } from './triage-data.js';

/** One labelled tweet of labels.csv. */
export interface SpotifyRow {
  text: string;
  sentiment: Sentiment;
  intent: Intent;
  urgent: boolean;
}

/** Every intent, as the README lists them. */
export const INTENT_CLASSES: Intent[] = [...intents];

/**
 * The urgency cues that mean "urgent" in the README's sense (safety, money, account access, anger
 * about to go public); "disruption now" (an outage, a gate closing) raises priority but is not one.
 */
const URGENT: ReadonlySet<UrgencyCue> = new Set(['safety', 'money_lost', 'locked_out', 'escalating_anger']);

/** Rows of labels.csv. */
export function loadSpotifyRows(file: string): SpotifyRow[] {
  return readCsvRecords(file).map((r) => ({
    text: r.text ?? '',
    sentiment: r.sentiment as Sentiment,
    intent: r.intent as Intent,
    urgent: r.urgent === 'yes',
  }));
}

/** Sentiment, intent and urgency of one triager on rows. */
export function measure(triager: Triager, rows: SpotifyRow[]) {
  const out = rows.map((r) => triager.triage({ text: r.text }));
  const sentiment = sentimentMetrics(
    rows.map((r) => r.sentiment),
    out.map((t) => t.sentiment),
  );
  const intent = sentimentMetrics(
    rows.map((r) => r.intent),
    out.map((t) => t.intent),
    INTENT_CLASSES,
  );
  let tp = 0;
  let fp = 0;
  let fn = 0;
  rows.forEach((r, i) => {
    const flagged = out[i]!.urgency.some((u) => URGENT.has(u));
    if (flagged && r.urgent) tp += 1;
    else if (flagged) fp += 1;
    else if (r.urgent) fn += 1;
  });
  const urgency = { precision: tp / (tp + fp || 1), recall: tp / (tp + fn || 1), tp, fp, fn };
  const churn = rows.filter((r) => r.intent === 'churn_risk');
  const churnFound = churn.filter((r) => triager.triage({ text: r.text }).intent === 'churn_risk').length;
  return { sentiment, intent, urgency, churnRecall: churn.length ? churnFound / churn.length : 0 };
}

/**
 * The learning curve of corrections: the rows are shuffled (seeded) and split in half; an agent
 * goes through the first half in order and corrects sentiment and intent wherever the model in use
 * is wrong; after N messages the model is scored on the other half.
 */
export function correctionCurve(rows: SpotifyRow[], checkpoints: number[], seed = 2017) {
  const rand = seededRandom(seed);
  const order = rows.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const half = Math.floor(order.length / 2);
  const stream = order.slice(0, half).map((i) => rows[i]!);
  const test = order.slice(half).map((i) => rows[i]!);
  let heads: WorkspaceHeads | null = null;
  let model: Triager = defaultTriager;
  let corrections = 0;
  const points: { seen: number; corrections: number; m: ReturnType<typeof measure> }[] = [];
  for (let n = 0; n <= stream.length; n += 1) {
    if (checkpoints.includes(n) || n === stream.length)
      points.push({ seen: n, corrections, m: measure(model, test) });
    if (n === stream.length) break;
    const r = stream[n]!;
    const said = model.triage({ text: r.text });
    let changed = false;
    if (said.sentiment !== r.sentiment) {
      heads = applyCorrection(heads, { text: r.text, field: 'sentiment', label: r.sentiment });
      changed = true;
    }
    if (said.intent !== r.intent) {
      heads = applyCorrection(heads, { text: r.text, field: 'intent', label: r.intent });
      changed = true;
    }
    if (changed && heads) {
      corrections += Number(said.sentiment !== r.sentiment) + Number(said.intent !== r.intent);
      model = workspaceTriager(heads, 1);
    }
  }
  return { stream: stream.length, test: test.length, points };
}
