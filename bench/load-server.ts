/**
 * The server side of the load benchmark: a database seeded with N messages through `rapport import`
 * (the bulk writer; seeded once per engine and size, then copied for every run), an API token, and
 * `rapport start` in its own process, so the load generator never shares the server's event loop.
 * The server is started with bench/loop-monitor.mjs preloaded, which records its event-loop delay.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { generateMessages } from './data.js';

export type BenchEngine = 'sqlite' | 'postgres';

/** Where a run keeps its files, and which PostgreSQL server it may create databases on. */
export interface LoadSetup {
  work: string;
  pgUrl: string;
  log: (line: string) => void;
}

/** A seeded database ready to be started on: the environment that points `rapport` at it. */
export interface RunDatabase {
  engine: BenchEngine;
  env: Record<string, string>;
  messages: number;
}

/** Resident and peak memory of a process, in MB, from /proc (Linux). */
export function memoryMb(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** CPU time a process has used so far (user + system), in ms, from /proc (Linux). */
export function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux)
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function pgUrlFor(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery<T extends pg.QueryResultRow>(base: string, sql: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    return await client.query<T>(sql, values);
  } finally {
    await client.end();
  }
}

/** Writes `count` generated messages as JSONL, in chunks (a million lines never sit in one string). */
function writeSeedFile(file: string, count: number) {
  const fd = fs.openSync(file, 'w');
  const messages = generateMessages(count, 7, 'seed');
  for (let i = 0; i < messages.length; i += 10_000) {
    const chunk = messages.slice(i, i + 10_000).map((m) => JSON.stringify(m));
    fs.writeSync(fd, `${chunk.join('\n')}\n`);
  }
  fs.closeSync(fd);
}

function runImport(env: Record<string, string>, file: string, count: number) {
  const out = execFileSync(process.execPath, ['bin/rapport.js', 'import', file, '--resolve', 'answered'], {
    env: { ...process.env, ...env, RAPPORT_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  }).toString();
  if (!out.includes(`inserted:   ${count}`)) throw new Error(`seed import did not insert ${count}: ${out}`);
}

/**
 * A fresh database of `count` messages for one run. The seed is imported once per engine and size
 * (`rapport import --resolve answered`: history whose answered conversations are resolved, the rest
 * open) and kept: SQLite's folder is copied, PostgreSQL's database is cloned as a template.
 */
export async function seededDatabase(
  setup: LoadSetup,
  engine: BenchEngine,
  count: number,
): Promise<RunDatabase> {
  const seedFile = path.join(setup.work, `seed-${count}.jsonl`);
  const ensureSeedFile = () => {
    if (!fs.existsSync(seedFile)) writeSeedFile(seedFile, count);
  };
  if (engine === 'sqlite') {
    const seedDir = path.join(setup.work, `seed-sqlite-${count}`);
    if (!fs.existsSync(path.join(seedDir, 'seeded'))) {
      setup.log(`seeding SQLite with ${count.toLocaleString('en-US')} messages (rapport import)…`);
      ensureSeedFile();
      fs.rmSync(seedDir, { recursive: true, force: true });
      const t = performance.now();
      runImport({ RAPPORT_DATA_DIR: seedDir }, seedFile, count);
      setup.log(`seeded in ${((performance.now() - t) / 1000).toFixed(0)} s`);
      fs.writeFileSync(path.join(seedDir, 'seeded'), `${count}\n`);
    }
    const runDir = path.join(setup.work, 'run-sqlite');
    fs.rmSync(runDir, { recursive: true, force: true });
    fs.cpSync(seedDir, runDir, { recursive: true });
    return { engine, env: { RAPPORT_DATA_DIR: runDir }, messages: count };
  }
  const seedDb = `rapport_load_seed_${count}`;
  const seeded = await adminQuery<{ note: string | null }>(
    setup.pgUrl,
    `select shobj_description(oid, 'pg_database') as note from pg_database where datname = $1`,
    [seedDb],
  );
  if (seeded.rows[0]?.note !== 'seeded') {
    setup.log(`seeding PostgreSQL with ${count.toLocaleString('en-US')} messages (rapport import)…`);
    ensureSeedFile();
    await adminQuery(setup.pgUrl, `drop database if exists ${seedDb}`);
    await adminQuery(setup.pgUrl, `create database ${seedDb}`);
    const t = performance.now();
    runImport({ DATABASE_URL: pgUrlFor(setup.pgUrl, seedDb) }, seedFile, count);
    setup.log(`seeded in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    await adminQuery(pgUrlFor(setup.pgUrl, seedDb), 'vacuum analyze');
    await adminQuery(setup.pgUrl, `comment on database ${seedDb} is 'seeded'`);
  }
  const runDb = 'rapport_load_run';
  await adminQuery(setup.pgUrl, `drop database if exists ${runDb} with (force)`);
  await adminQuery(setup.pgUrl, `create database ${runDb} template ${seedDb}`);
  return { engine, env: { DATABASE_URL: pgUrlFor(setup.pgUrl, runDb) }, messages: count };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** A running `rapport start` child process with a bearer token and its event-loop record. */
export interface RunningServer {
  base: string;
  token: string;
  child: ChildProcess;
  loopFile: string;
  stop(): Promise<void>;
}

/** Starts the server on `db` in a child process and waits until it answers its health check. */
export async function startServer(setup: LoadSetup, db: RunDatabase): Promise<RunningServer> {
  const env = {
    ...process.env,
    ...db.env,
    // the per-address and per-token limits would turn the benchmark's load into 429s
    RAPPORT_RATE_LIMIT_PER_MINUTE: '100000000',
    RAPPORT_TOKEN_RATE_LIMIT_PER_MINUTE: '100000000',
    // the fan-out runs open 1,000 streams with one token (a real team holds one per browser tab)
    RAPPORT_STREAMS_PER_CLIENT: '10000',
    RAPPORT_LOG_LEVEL: process.env.RAPPORT_LOG_LEVEL ?? 'info',
  };
  const token = execFileSync(
    process.execPath,
    ['bin/rapport.js', 'token', 'create', '--name', `load-${Date.now()}`, '--role', 'admin'],
    { env, stdio: ['ignore', 'pipe', 'inherit'] },
  )
    .toString()
    .trim()
    .split('\n')
    .pop()!;
  const port = await freePort();
  const loopFile = path.join(setup.work, `loop-${db.engine}.jsonl`);
  fs.rmSync(loopFile, { force: true });
  const logFd = fs.openSync(path.join(setup.work, `server-${db.engine}.log`), 'w');
  const child = spawn(
    process.execPath,
    [
      // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server
      ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      '--import',
      path.resolve('bench/loop-monitor.mjs'),
      'bin/rapport.js',
      'start',
    ],
    { env: { ...env, PORT: String(port), LOOP_MONITOR_FILE: loopFile }, stdio: ['ignore', logFd, logFd] },
  );
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}); see ${setup.work}`);
    if (i > 600) throw new Error('server did not become healthy in 60 s');
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    token,
    child,
    loopFile,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.closeSync(logFd);
    },
  };
}

/** The worst event-loop delay the server recorded between two moments (epoch ms). */
export function loopDelayBetween(file: string, from: number, to: number): { maxMs: number; p99Ms: number } {
  let maxMs = 0;
  let p99Ms = 0;
  if (!fs.existsSync(file)) return { maxMs: Number.NaN, p99Ms: Number.NaN };
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const sample = JSON.parse(line) as { at: number; maxMs: number; p99Ms: number };
    if (sample.at < from || sample.at > to + 500) continue;
    maxMs = Math.max(maxMs, sample.maxMs);
    p99Ms = Math.max(p99Ms, sample.p99Ms);
  }
  return { maxMs, p99Ms };
}
