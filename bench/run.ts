/**
 * `npm run bench`: the core benchmarks, with their results written into bench/RESULTS.md (section
 * "Core") with date and machine. Sizes: BENCH_MESSAGES (default 1,000,000), BENCH_INGEST_SECONDS (30).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runImportBench } from './import-bench.js';
import { runServerBench } from './server-bench.js';
import { fmt } from './stats.js';

const rows = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const seconds = Number(process.env.BENCH_INGEST_SECONDS ?? 30);
const work = path.resolve('bench/.tmp');
const dataDir = path.join(work, 'data');
fs.mkdirSync(work, { recursive: true });

const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);
log(`import of ${rows.toLocaleString('en-US')} messages vs raw better-sqlite3 inserts…`);
const imp = await runImportBench(rows, work, dataDir);
log(
  `import ${fmt(imp.importRowsPerSec, 0)} rows/s, raw ${fmt(imp.rawRowsPerSec, 0)} rows/s (${fmt(imp.rawSameTransactionsPerSec, 0)} in ${imp.importTransactionRows}-row transactions)`,
);
log(`server on ${rows.toLocaleString('en-US')} messages: ingest at 100/s for ${seconds}s, inbox, search…`);
const srv = await runServerBench(dataDir, { rate: 100, seconds });

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
const ok = (pass: boolean) => (pass ? 'met' : '**missed**');
const lines = [
  '## Core',
  '',
  `Run ${new Date().toISOString()} on ${machine}. SQLite (WAL), ${rows.toLocaleString('en-US')} messages (synthetic support threads, bench/data.ts).`,
  '',
  '| measure | result | target |',
  '|---|---|---|',
  `| bulk import (\`rapport import\`, full pipeline) | ${fmt(imp.importRowsPerSec, 0)} msg/s | |`,
  `| raw better-sqlite3 inserts of the same rows (messages, conversations, contacts, identities), same indexes + FTS, 1,000-row transactions (baseline, same run) | ${fmt(imp.rawRowsPerSec, 0)} msg/s | |`,
  `| raw better-sqlite3 inserts of the messages table alone (for reference) | ${fmt(imp.rawMessagesOnlyPerSec, 0)} msg/s | |`,
  `| import / raw | ${fmt(imp.ratio * 100, 0)}% | ≥ 70%: ${ok(imp.ratio >= 0.7)} |`,
  `| raw better-sqlite3 inserts of the same rows in ${imp.importTransactionRows.toLocaleString('en-US')}-row transactions (the import's transaction size; for reference) | ${fmt(imp.rawSameTransactionsPerSec, 0)} msg/s | |`,
  `| import / raw at the import's transaction size (like for like) | ${fmt(imp.ratioSameTransactions * 100, 0)}% | ≥ 70%: ${ok(imp.ratioSameTransactions >= 0.7)} |`,
  `| raw inserts in ${imp.importTransactionRows.toLocaleString('en-US')}-row transactions with message text indexed for search once per 1,000 rows and checkpoints every 10,000 WAL pages, as the import does (instead of the schema's per-row trigger and SQLite's default 1,000 pages; for reference: the best a hand-written loader could do) | ${fmt(imp.rawBatchedSearchPerSec, 0)} msg/s | |`,
  `| import / that | ${fmt(imp.ratioBatchedSearch * 100, 0)}% | |`,
  `| \`rapport import\` peak RSS | ${fmt(imp.importMaxRssMb, 0)} MB | < 300 MB: ${ok(imp.importMaxRssMb < 300)} |`,
  `| API ingest, 1 msg/request at ${srv.ingest.rate}/s for ${seconds}s, seen by the client: p50 / p99 | ${fmt(srv.ingest.p50)} / ${fmt(srv.ingest.p99)} ms (${srv.ingest.errors} errors) | p99 < 20 ms: ${ok(srv.ingest.p99 < 20 && srv.ingest.errors === 0)} |`,
  `| the same, measured inside the server (Fastify responseTime): p50 / p99 | ${fmt(srv.ingest.serverP50)} / ${fmt(srv.ingest.serverP99)} ms | |`,
  ...Object.entries(srv.inbox).map(
    ([name, r]) =>
      `| inbox first page, ${name}: p50 / p95 | ${fmt(r.p50)} / ${fmt(r.p95)} ms | p95 < 10 ms: ${ok(r.p95 < 10)} |`,
  ),
  `| full-text search (${srv.search.queries} queries, all statuses): p50 / p95 | ${fmt(srv.search.p50)} / ${fmt(srv.search.p95)} ms | p95 < 50 ms: ${ok(srv.search.p95 < 50)} |`,
  `| server peak RSS (whole run) | ${fmt(srv.serverPeakRssMb, 0)} MB | < 300 MB: ${ok(srv.serverPeakRssMb < 300)} |`,
  '',
  'Latencies are measured from a client in another process over loopback HTTP, including auth and JSON.',
  `Load average when the run ended: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')} (2 cores; anything above ~1.5 means other work competed with the benchmark).`,
  '',
];
const section = lines.join('\n');
const file = path.resolve('bench/RESULTS.md');
const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmark results\n\n';
const next = /## Core\n[\s\S]*?(?=\n## |$)/.test(current)
  ? current.replace(/## Core\n[\s\S]*?(?=\n## |$)/, section)
  : `${current.trimEnd()}\n\n${section}`;
fs.writeFileSync(file, next);
process.stdout.write(`${section}\n`);
