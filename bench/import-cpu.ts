/**
 * `tsx bench/import-cpu.ts [MESSAGES] [--raw]`: CPU time per message of the importing thread (the
 * import's bottleneck) for an in-process import of generated messages, with the reader worker as in
 * `rapport import`; with --raw, also the raw baseline's, at 1,000-row transactions and at the
 * import's own transaction size. CPU time is much steadier than wall time on a shared machine, and
 * its ratios hold on a VM whose host steals CPU time, where wall-clock ratios do not. Runs the
 * compiled code (`npx tsc -p tsconfig.json` first; DIST=dir to point at another build).
 * STMT_TIMING=1 adds wall time per SQL statement.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { generateMessages } from './data.js';

const dist = path.resolve(process.env.DIST ?? 'dist');
const timing = new Map<string, { n: number; ms: number }>();
if (process.env.STMT_TIMING) timeStatements();
const { configFrom } = await import(`${dist}/platform/config.js`);
const { openServices } = await import(`${dist}/runtime/services.js`);
const { importFile } = await import(`${dist}/ingest/import-file.js`);

const n = Number(process.argv[2] ?? 200_000);
const work = path.resolve('bench/.tmp/import-cpu');
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });
const file = path.join(work, 'messages.jsonl');
fs.writeFileSync(
  file,
  `${generateMessages(n, 7)
    .map((m) => JSON.stringify(m))
    .join('\n')}\n`,
);

/** CPU time of this process's main thread so far, in ms (Linux). */
function mainThreadCpuMs(): number {
  const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
const perMessage = (ms: number) => `${((ms * 1000) / n).toFixed(1)} µs`;

const dataDir = path.join(work, 'data');
const services = await openServices(configFrom({ RAPPORT_DATA_DIR: dataDir, RAPPORT_LOG_LEVEL: 'error' }));
const cpu0 = mainThreadCpuMs();
const started = performance.now();
const summary = await importFile(services, file, { format: 'jsonl' });
const wall = performance.now() - started;
const cpu = mainThreadCpuMs() - cpu0;
await services.db.close();
if (summary.inserted !== n) throw new Error(`inserted ${summary.inserted} of ${n}`);
console.log(`import of ${n}: importing thread CPU ${perMessage(cpu)}, wall ${perMessage(wall)} per message`);
printTiming();

if (process.argv.includes('--raw')) {
  const { prepareRawCopy } = await import('./import-bench.js');
  const { DEFAULT_IMPORT_BATCH: perCommit, READ_BATCH } = await import(`${dist}/ingest/import-file.js`);
  const variants: [number, number | undefined][] = [
    [1000, undefined],
    [perCommit, undefined],
    [perCommit, READ_BATCH], // loading as the import does: search per batch, seldom checkpoints
  ];
  for (const [rows, searchBatch] of variants) {
    const rawDir = path.join(work, `raw-${rows}`);
    const copy = await prepareRawCopy(dataDir, rawDir);
    if (searchBatch) copy.checkpointLikeImport();
    const rawCpu0 = mainThreadCpuMs();
    const rawStarted = performance.now();
    for (const table of copy.tables) copy.write(table, rows, searchBatch);
    const rawWall = performance.now() - rawStarted;
    const rawCpu = mainThreadCpuMs() - rawCpu0;
    copy.close();
    fs.rmSync(rawDir, { recursive: true, force: true });
    console.log(
      `raw baseline (${rows.toLocaleString('en-US')}-row transactions${searchBatch ? ', loading as the import does' : ''}): CPU ${perMessage(rawCpu)}, wall ${perMessage(rawWall)} per message; import's CPU is ${((rawCpu / cpu) * 100).toFixed(0)}% as fast`,
    );
    printTiming();
  }
}

/** Wraps every prepared statement of better-sqlite3 (Kysely's and the raw ones) to time it. */
function timeStatements() {
  const proto = SqliteDatabase.prototype as unknown as { prepare(source: string): Record<string, unknown> };
  const prepare = proto.prepare;
  proto.prepare = function (this: unknown, source: string) {
    const statement = prepare.call(this, source);
    const key = source.replace(/\s+/g, ' ').slice(0, 70);
    for (const method of ['run', 'get', 'all']) {
      const original = (statement[method] as (...args: unknown[]) => unknown).bind(statement);
      statement[method] = (...args: unknown[]) => {
        const t = performance.now();
        try {
          return original(...args);
        } finally {
          const entry = timing.get(key) ?? { n: 0, ms: 0 };
          entry.n += 1;
          entry.ms += performance.now() - t;
          timing.set(key, entry);
        }
      };
    }
    return statement;
  };
}

function printTiming() {
  for (const [sql, t] of [...timing].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)) {
    console.log(`  ${perMessage(t.ms).padStart(9)} ${String(t.n).padStart(8)} × ${sql}`);
  }
  timing.clear();
}
