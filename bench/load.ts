/**
 * `npm run bench:load`: the load benchmark (issue 21). On each engine, a database of --messages
 * messages (default 1,000,000, seeded once through `rapport import`) is served by `rapport start`
 * in its own process and loaded by autocannon over loopback: the inbox list, full-text search,
 * single-message API ingest, SSE fan-out, and a paced run of ingest at 100 requests/s. Each case
 * climbs a ladder of concurrency; its first rung (one request at a time) is the run's baseline.
 * Results go to bench/RESULTS.md (section "Load"). Flags: --messages N, --engines sqlite,postgres,
 * --seconds S (per rung, default 10), --paced-seconds S (default 60), --subscribers N (default 100),
 * --pg URL (default postgres://postgres@127.0.0.1:5432/test; the bench creates its own databases).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  type CaseResult,
  climb,
  healthRequest,
  inboxRequest,
  ingestRequest,
  searchRequest,
} from './load-cases.js';
import { type FanOutStep, fanOut, type PacedResult, pacedRun, withStreams } from './load-paced.js';
import { renderLoadSection } from './load-report.js';
import { type BenchEngine, memoryMb, seededDatabase, startServer } from './load-server.js';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '1000000' },
    engines: { type: 'string', default: 'sqlite,postgres' },
    seconds: { type: 'string', default: '10' },
    'paced-seconds': { type: 'string', default: '60' },
    subscribers: { type: 'string', default: '100' },
    pg: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    'no-write': { type: 'boolean', default: false },
  },
});
const messages = Number(values.messages);
const seconds = Number(values.seconds);
const pacedSeconds = Number(values['paced-seconds']);
const subscribers = Number(values.subscribers);
const engines = values.engines.split(',') as BenchEngine[];
const work = path.resolve('bench/.tmp/load');
fs.mkdirSync(work, { recursive: true });
const log = (s: string) => process.stderr.write(`[load ${new Date().toISOString().slice(11, 19)}] ${s}\n`);
const setup = { work, pgUrl: values.pg, log };

/** Everything one engine's run measured. */
export interface EngineRun {
  engine: BenchEngine;
  messages: number;
  cases: CaseResult[];
  paced: PacedResult;
  /** The same paced ingest with 1,000 SSE streams listening (the load of issue 21's defect 10). */
  pacedWithStreams: PacedResult;
  fanOut: { steps: FanOutStep[]; held: FanOutStep | null };
  rssBeforeMb: number;
  rssAfterMb: number;
  peakRssMb: number;
  startedAt: string;
  endedAt: string;
}

const runs: EngineRun[] = [];
for (const engine of engines) {
  const startedAt = new Date().toISOString();
  const db = await seededDatabase(setup, engine, messages);
  const server = await startServer(setup, db);
  log(
    `${engine}: server ${server.base} (pid ${server.child.pid}) on ${messages.toLocaleString('en-US')} messages`,
  );
  try {
    // warm the caches a running server would have warm
    await climb('warm-up', server, inboxRequest, {
      ladder: [2],
      seconds: 3,
      p99TargetMs: 1e9,
      log: () => {},
    });
    const rssBeforeMb = memoryMb(server.child.pid!).rss;
    const ladder = [1, 2, 4, 8, 16, 32];
    const cases = [
      // the baseline of the same run: what HTTP alone holds on this machine at this moment
      await climb("health check (the run's baseline)", server, healthRequest, {
        ladder,
        seconds,
        p99TargetMs: 100,
        log,
      }),
      // first, while the inbox holds exactly the seeded messages
      await climb('inbox list', server, inboxRequest, { ladder, seconds, p99TargetMs: 50, log }),
      await climb('search', server, searchRequest, { ladder, seconds, p99TargetMs: 100, log }),
      await climb('ingest', server, ingestRequest, { ladder, seconds, p99TargetMs: 100, log }),
    ];
    log(`paced ingest: 100 requests/s for ${pacedSeconds} s…`);
    const paced = await pacedRun(server, ingestRequest, 100, pacedSeconds);
    log(
      `paced: p50 ${paced.p50.toFixed(1)} p99 ${paced.p99.toFixed(1)} max ${paced.max.toFixed(0)} ms, ${paced.over500} over 500 ms, ${paced.errors} errors ${JSON.stringify(paced.errorKinds)}, loop max ${paced.loopMaxMs.toFixed(0)} ms`,
    );
    log(`paced ingest with 1,000 SSE streams open: 100 requests/s for ${Math.ceil(pacedSeconds / 2)} s…`);
    const pacedWithStreams = await withStreams(server, 1000, () =>
      pacedRun(server, ingestRequest, 100, Math.ceil(pacedSeconds / 2)),
    );
    log(
      `paced with streams: p50 ${pacedWithStreams.p50.toFixed(1)} p99 ${pacedWithStreams.p99.toFixed(1)} max ${pacedWithStreams.max.toFixed(0)} ms, ${pacedWithStreams.over500} over 500 ms, loop max ${pacedWithStreams.loopMaxMs.toFixed(0)} ms`,
    );
    const fan = await fanOut(server, ingestRequest, { subscribers, ladder, seconds, log });
    const mem = memoryMb(server.child.pid!);
    runs.push({
      engine,
      messages,
      cases,
      paced,
      pacedWithStreams,
      fanOut: fan,
      rssBeforeMb,
      rssAfterMb: mem.rss,
      peakRssMb: mem.peak,
      startedAt,
      endedAt: new Date().toISOString(),
    });
  } finally {
    await server.stop();
  }
}

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
const section = renderLoadSection(runs, machine);
process.stdout.write(`${section}\n`);
if (!values['no-write']) {
  const file = path.resolve('bench/RESULTS.md');
  const current = fs.readFileSync(file, 'utf8');
  const pattern = /## Load\n[\s\S]*?(?=\n## |$)/;
  fs.writeFileSync(
    file,
    pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}`,
  );
}
