/**
 * The check before sending: time per reply over the brand replies of ../shared/data/twcs-replies
 * (evaluation data, read here, never shipped), every check on, compared with 500 recent replies for
 * the form-letter check. Target: p99 < 5 ms per reply. Also times building the index of the 500
 * recent replies (the server does it once per check request; the CLI once per run).
 * Usage: npx tsx bench/reply-check.ts [path/to/replies.csv] [--passes=20]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import { checkReply } from '../src/guidelines/check.js';
import { recentIndex } from '../src/guidelines/similarity.js';
import type { CheckSettings } from '../src/guidelines/types.js';

const args = process.argv.slice(2);
const file =
  args.find((a) => !a.startsWith('--')) ??
  [
    path.resolve('../shared/data/twcs-replies/replies.csv'),
    path.resolve('../../shared/data/twcs-replies/replies.csv'),
  ].find((f) => fs.existsSync(f));
if (!file || !fs.existsSync(file)) {
  console.error('bench/reply-check: replies.csv not found');
  process.exit(1);
}
const passes = Number(args.find((a) => a.startsWith('--passes='))?.slice(9) ?? 20);
const rows = parse(fs.readFileSync(file), { columns: true }) as { reply: string; customer_tweet: string }[];

// 500 recent replies: the file's replies, then the same with another handle and a number changed
const recentTexts: string[] = [];
for (let i = 0; recentTexts.length < 500; i += 1) {
  const r = rows[i % rows.length]!.reply;
  recentTexts.push(i < rows.length ? r : `@9${i} ${r.replace(/^@\w+\s*/u, '')} #${i}`);
}
const settings: CheckSettings = {
  levels: {},
  channels: {},
  confidentialTerms: [
    'Project Falcon',
    'Q3 forecast',
    'internal pricing',
    'tier-2 discount',
    'codename Otter',
  ],
  publicContacts: ['support@example.com'],
  requireSignature: true,
};

const buildTimes: number[] = [];
let index = recentIndex(recentTexts);
for (let i = 0; i < 10; i += 1) {
  const t0 = performance.now();
  index = recentIndex(recentTexts);
  buildTimes.push(performance.now() - t0);
}

const times: number[] = [];
const cpuTimes: number[] = [];
const best = new Array<number>(rows.length).fill(Number.POSITIVE_INFINITY);
let findings = 0;
for (let pass = 0; pass < passes + 2; pass += 1) {
  for (const [i, r] of rows.entries()) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const found = checkReply(
      {
        text: r.reply,
        customerText: r.customer_tweet,
        customerName: 'Jordan',
        channel: 'bluesky',
        maxLength: 300,
        recent: index,
      },
      settings,
    );
    const dt = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    if (pass >= 2) {
      times.push(dt); // the first two passes warm the JIT up
      cpuTimes.push((cpu.user + cpu.system) / 1000);
      best[i] = Math.min(best[i]!, dt);
      findings += found.length;
    }
  }
}
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}, ${os.platform()} ${os.release()}`;
console.log(`reply check on ${rows.length} replies × ${passes} passes, 500 recent replies, every check on`);
console.log(`date ${new Date().toISOString()}; ${machine}`);
console.log(
  `per reply: p50 ${pct(times, 50).toFixed(3)} ms, p99 ${pct(times, 99).toFixed(3)} ms, max ${Math.max(...times).toFixed(3)} ms (target p99 < 5 ms: ${pct(times, 99) < 5 ? 'met' : 'NOT met'})`,
);
console.log(
  `CPU time per reply (what the check itself costs, not time spent descheduled on a busy machine): p50 ${pct(cpuTimes, 50).toFixed(3)} ms, p99 ${pct(cpuTimes, 99).toFixed(3)} ms`,
);
console.log(
  `each reply's best wall time over the passes: p99 ${pct(best, 99).toFixed(3)} ms, max ${Math.max(...best).toFixed(3)} ms`,
);
console.log(
  `index of 500 recent replies: p50 ${pct(buildTimes, 50).toFixed(2)} ms, max ${Math.max(...buildTimes).toFixed(2)} ms`,
);
console.log(`findings per reply: ${(findings / times.length).toFixed(2)}`);
console.log(
  `load average: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')} (${os.cpus().length} cores)`,
);
