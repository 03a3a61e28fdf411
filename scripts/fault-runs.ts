/**
 * `npm run test:faults -- --runs 20`: runs the fault suite (tests/faults: SIGKILL of the server mid
 * ingest and of the worker mid-send, receiver timeouts, 5xx storms) that many times in a row, each
 * run a fresh vitest process with new random fault points, on SQLite and, when
 * RAPPORT_TEST_DATABASE_URL is set, PostgreSQL. Prints each run's time and outcome and a summary
 * line; exits 1 if any run failed. Each run's seed is RAPPORT_FAULT_SEED (printed), so a failure
 * can be replayed with `RAPPORT_FAULT_SEED=… npx vitest run tests/faults`.
 */
import { spawnSync } from 'node:child_process';

const at = process.argv.indexOf('--runs');
const runs = at >= 0 ? Number(process.argv[at + 1]) : 1;
if (!Number.isInteger(runs) || runs < 1) {
  console.error('usage: npm run test:faults -- --runs N');
  process.exit(2);
}
const engines = process.env.RAPPORT_TEST_DATABASE_URL ? 'SQLite and PostgreSQL' : 'SQLite only';
console.log(`[faults] ${runs} run(s) of tests/faults on ${engines}`);
const failed: { run: number; seed: number }[] = [];
const times: number[] = [];
const started = Date.now();
for (let run = 1; run <= runs; run++) {
  const seed = Math.floor(Math.random() * 1_000_000_000);
  const t0 = Date.now();
  const result = spawnSync('npx', ['vitest', 'run', 'tests/faults'], {
    env: { ...process.env, RAPPORT_FAULT_SEED: String(seed), NO_COLOR: '1', FORCE_COLOR: '0' },
    encoding: 'utf8',
  });
  const seconds = (Date.now() - t0) / 1000;
  times.push(seconds);
  const passed = result.status === 0;
  if (!passed) {
    failed.push({ run, seed });
    console.log(`${result.stdout}\n${result.stderr}`);
  }
  const tests = /Tests\s+(.*)/.exec(result.stdout)?.[1]?.trim() ?? '?';
  console.log(
    `[faults] run ${run}/${runs}: ${passed ? 'passed' : 'FAILED'} (${tests}) in ${seconds.toFixed(1)} s, seed ${seed}`,
  );
}
const total = (Date.now() - started) / 1000;
console.log(
  `[faults] ${runs - failed.length}/${runs} runs passed in ${total.toFixed(0)} s ` +
    `(per run: min ${Math.min(...times).toFixed(1)} s, max ${Math.max(...times).toFixed(1)} s)` +
    (failed.length ? `; failed: ${failed.map((f) => `run ${f.run} seed ${f.seed}`).join(', ')}` : ''),
);
process.exit(failed.length ? 1 : 0);
