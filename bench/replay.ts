/**
 * Replay benchmark (issue 13): does Rapport's inbox order get negative and urgent customers answered
 * sooner than first-come-first-served, with one agent and the same stream?
 *
 *   npx tsx bench/replay.ts FILE.csv --labels LABELS.csv [--minutes-per-reply 4] [--channel twitter]
 *
 * FILE.csv is in the twcs layout (tweet_id, author_id, inbound, created_at, text,
 * in_response_to_tweet_id); only customers' messages (inbound True) are replayed. LABELS.csv has
 * tweet_id, sentiment and urgent columns: waits are measured against those labels, not against
 * Rapport's own triage. Prints JSON: p50/p90 wait (minutes) of negative and of urgent messages and
 * the share answered within 15 minutes, under Rapport's order and under FCFS.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { type IncomingMessage, validateMessage } from '../src/domain/message-format.js';
import { type ReplayOrder, replay } from './replay-sim.js';
import { pct } from './stats.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    labels: { type: 'string' },
    'minutes-per-reply': { type: 'string', default: '4' },
    channel: { type: 'string', default: 'twitter' },
  },
});
const file = positionals[0];
if (!file || !values.labels) {
  process.stderr.write(
    'usage: npx tsx bench/replay.ts FILE.csv --labels LABELS.csv [--minutes-per-reply 4]\n',
  );
  process.exit(2);
}
const minutesPerReply = Number(values['minutes-per-reply']);
if (!(minutesPerReply > 0)) throw new Error('--minutes-per-reply must be a positive number');

type Row = Record<string, string>;
const readCsv = (f: string) =>
  parse(fs.readFileSync(f), { columns: true, skip_empty_lines: true, relax_column_count: true }) as Row[];

/** The customers' messages of a twcs-layout file, in the core format, oldest first. */
function arrivalsOf(rows: Row[]): { messages: IncomingMessage[]; rejected: number } {
  const messages: IncomingMessage[] = [];
  let rejected = 0;
  rows.forEach((r, i) => {
    if (r.inbound !== undefined && r.inbound.trim().toLowerCase() !== 'true') return;
    const parent = (r.in_response_to_tweet_id ?? '').split(',')[0]?.trim();
    const checked = validateMessage(
      {
        channel: values.channel,
        external_id: r.tweet_id,
        direction: 'inbound',
        author: { id: r.author_id || `unknown-${r.tweet_id}` },
        text: r.text ?? '',
        created_at: new Date(Date.parse(r.created_at ?? '')).toISOString(),
        in_reply_to: parent || null,
      },
      i,
    );
    if (checked.ok) messages.push(checked.message);
    else rejected += 1;
  });
  messages.sort((a, b) => a.created_at - b.created_at || a.external_id.localeCompare(b.external_id));
  return { messages, rejected };
}

const yes = (v: string | undefined) => ['yes', 'true', '1', 'y'].includes((v ?? '').trim().toLowerCase());
const labels = new Map(readCsv(values.labels).map((r) => [r.tweet_id!, r]));
const { messages, rejected } = arrivalsOf(readCsv(file));
const createdAt = new Map(messages.map((m) => [m.external_id, m.created_at]));
const groups = {
  negative: [...labels.values()].filter((l) => l.sentiment === 'negative').map((l) => l.tweet_id!),
  urgent: [...labels.values()].filter((l) => yes(l.urgent)).map((l) => l.tweet_id!),
  labelled: [...labels.keys()],
};

/** p50/p90 wait in minutes and the share answered within 15 minutes, of the messages in a group. */
function figures(answeredAt: Map<string, number>, ids: string[]) {
  const waits: number[] = [];
  let unanswered = 0;
  for (const id of ids) {
    const at = createdAt.get(id);
    if (at === undefined) continue;
    const answered = answeredAt.get(id);
    if (answered === undefined) unanswered += 1;
    else waits.push((answered - at) / 60_000);
  }
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    messages: waits.length + unanswered,
    p50WaitMinutes: round(pct(waits, 50)),
    p90WaitMinutes: round(pct(waits, 90)),
    within15MinutesShare: waits.length
      ? Math.round((waits.filter((w) => w <= 15).length / (waits.length + unanswered)) * 1000) / 1000
      : null,
    unanswered,
  };
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-replay-'));
const results: Record<
  ReplayOrder,
  Record<keyof typeof groups, ReturnType<typeof figures>> & { replies: number; wallSeconds: number }
> = {} as never;
try {
  for (const order of ['rapport', 'fcfs'] as const) {
    process.stderr.write(
      `[replay] ${order}: ${messages.length} messages, ${minutesPerReply} min per reply…\n`,
    );
    const run = await replay(messages, order, minutesPerReply, work);
    results[order] = {
      negative: figures(run.answeredAt, groups.negative),
      urgent: figures(run.answeredAt, groups.urgent),
      labelled: figures(run.answeredAt, groups.labelled),
      replies: run.replies,
      wallSeconds: Math.round(run.wallSeconds),
    };
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
const ratio = (g: 'negative' | 'urgent') =>
  Math.round((results.rapport[g].p90WaitMinutes / results.fcfs[g].p90WaitMinutes) * 1000) / 1000;
const out = {
  file: path.basename(file),
  labels: path.basename(values.labels),
  minutesPerReply,
  messages: messages.length,
  rejected,
  span: {
    from: new Date(messages[0]!.created_at).toISOString(),
    to: new Date(messages.at(-1)!.created_at).toISOString(),
  },
  rapport: results.rapport,
  fcfs: results.fcfs,
  target: {
    rule: 'p90 wait of urgent and of negative under Rapport ≤ 0.5 × FCFS',
    urgentP90Ratio: ratio('urgent'),
    negativeP90Ratio: ratio('negative'),
    met: ratio('urgent') <= 0.5 && ratio('negative') <= 0.5,
  },
};
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
