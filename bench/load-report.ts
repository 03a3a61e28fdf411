/** Renders the load benchmark's runs as the "Load" section of bench/RESULTS.md. */
import os from 'node:os';
import type { EngineRun } from './load.js';
import type { CaseResult, Step } from './load-cases.js';
import { fmt } from './stats.js';

const ok = (pass: boolean) => (pass ? 'met' : '**missed**');

function stepRow(label: string, s: Step, extra = '') {
  return `| ${label} | ${s.connections} | ${fmt(s.rps, 0)} | ${fmt(s.p50)} / ${fmt(s.p99)} / ${fmt(s.max, 0)} | ${s.errors} | ${fmt(s.serverCpuMsPerRequest, 2)} | ${fmt(s.loopMaxMs, 0)} | ${fmt(s.load1, 2)} |${extra}`;
}

function pacedRow(label: string, p: EngineRun['paced']) {
  const kinds = p.errors > 0 ? ` (${JSON.stringify(p.errorKinds)})` : '';
  return `| ${label} | – | ${p.rate} | ${fmt(p.p50)} / ${fmt(p.p99)} / ${fmt(p.max, 0)} | ${p.errors}${kinds} | | ${fmt(p.loopMaxMs, 0)} | |`;
}

function caseRows(c: CaseResult): string[] {
  return c.steps.map((s, i) => stepRow(i === 0 ? `${c.name} (one at a time)` : c.name, s));
}

/** One engine's tables, with the issue's targets checked where they apply (SQLite). */
function engineSection(run: EngineRun): string[] {
  const byName = Object.fromEntries(run.cases.map((c) => [c.name, c]));
  const held = (name: string) => byName[name]?.held ?? null;
  const ingest = held('ingest');
  const inbox = held('inbox list');
  const lines = [
    `### ${run.engine === 'sqlite' ? 'SQLite (WAL)' : 'PostgreSQL'}, ${run.messages.toLocaleString('en-US')} messages`,
    '',
    `${run.startedAt.slice(0, 16).replace('T', ' ')}–${run.endedAt.slice(11, 16)} UTC. Server RSS ${fmt(run.rssBeforeMb, 0)} MB before the load, ${fmt(run.rssAfterMb, 0)} MB after (peak ${fmt(run.peakRssMb, 0)} MB).`,
    '',
    '| case | highest rate held (p99 < target, 0 errors) | at | p99 target |',
    '|---|---|---|---|',
    ...run.cases.map(
      (c) =>
        `| ${c.name} | ${c.held ? `${fmt(c.held.rps, 0)} requests/s (p99 ${fmt(c.held.p99)} ms)` : 'none'} | ${c.held?.connections ?? '–'} connections | ${c.p99TargetMs} ms |`,
    ),
    `| SSE fan-out to ${run.fanOut.steps[0]?.subscribers ?? 0} streams | ${run.fanOut.held ? `${fmt(run.fanOut.held.rps, 0)} messages/s = ${fmt(run.fanOut.held.rps * run.fanOut.held.subscribers, 0)} events/s (delivery p99 ${fmt(run.fanOut.held.deliveryP99)} ms)` : 'none'} | ${run.fanOut.held?.connections ?? '–'} connections | 100 ms (ingest and delivery) |`,
    '',
  ];
  if (run.engine === 'sqlite') {
    const p = run.paced;
    lines.push(
      '| target (issue 21) | result | |',
      '|---|---|---|',
      `| single-message ingest ≥ 500 requests/s, p99 < 100 ms, 0 errors | ${ingest ? `${fmt(ingest.rps, 0)} requests/s, p99 ${fmt(ingest.p99)} ms` : 'none held'} | ${ok((ingest?.rps ?? 0) >= 500)} |`,
      `| inbox list ≥ 1,000 requests/s, p99 < 50 ms, at 1M messages | ${inbox ? `${fmt(inbox.rps, 0)} requests/s, p99 ${fmt(inbox.p99)} ms` : 'none held'} at ${run.messages.toLocaleString('en-US')} | ${ok((inbox?.rps ?? 0) >= 1000 && run.messages >= 1_000_000)} |`,
      `| no request over 500 ms in a 60 s run at 100 requests/s | ${p.over500} of ${p.sent} over 500 ms in ${p.seconds} s (max ${fmt(p.max, 0)} ms) | ${ok(p.over500 === 0 && p.errors === 0 && p.seconds >= 60)} |`,
      '',
    );
  }
  lines.push(
    '| case | connections | requests/s | p50 / p99 / max ms | errors | server CPU per request, ms | server event-loop delay, max ms | load average (1 min) |',
    '|---|---|---|---|---|---|---|---|',
    ...run.cases.flatMap(caseRows),
    ...run.fanOut.steps.map((s) =>
      stepRow(
        `ingest with ${s.subscribers} SSE streams (delivered ${s.delivered} of ${s.expected}; post → last stream p50 / p99 / max ${fmt(s.deliveryP50)} / ${fmt(s.deliveryP99)} / ${fmt(s.deliveryMax, 0)} ms)`,
        s,
      ),
    ),
    pacedRow(
      `paced ingest, ${run.paced.rate} requests/s for ${run.paced.seconds} s (open loop, timed from each request's due time)`,
      run.paced,
    ),
    pacedRow(
      `the same for ${run.pacedWithStreams.seconds} s with 1,000 SSE streams open (${run.pacedWithStreams.over500} over 500 ms)`,
      run.pacedWithStreams,
    ),
    '',
  );
  return lines;
}

/** The whole "Load" section: machine, method, and each engine's tables. */
export function renderLoadSection(runs: EngineRun[], machine: string): string {
  return [
    '## Load',
    '',
    `\`npm run bench:load\` (bench/load.ts), run on ${machine}; load average at the end ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}.`,
    '**A shared, busy machine:** four other sessions were building and testing on the same 2 cores during',
    'these runs, so every figure is pessimistic; the load average beside each rung says how busy it was.',
    'The server (`rapport start`, request log at info) runs in its own process; autocannon runs in the',
    "benchmark's process on the same 2 cores, over loopback, with an admin API token (rate limits raised",
    'so the load is not answered with 429). Each case climbs from 1 to 32 connections kept busy (closed',
    'loop, 10 s a rung) and stops at the first rung that misses its p99 target, errs, or gains under 5%.',
    'The baseline of the same run is the health check (no auth, one trivial query): what HTTP alone holds',
    "on this machine at that moment; each case's first rung, one request at a time, is its idle latency.",
    'The server records its event-loop delay (perf_hooks, bench/loop-monitor.mjs) and its CPU time.',
    'Search rotates 13 terms over every status; the inbox list rotates the default view, "negative" and',
    '"waiting longest"; ingested messages come in threads of five. SSE fan-out: 100 streams (one token)',
    'in a separate process; held means every stream got every message and the last one had it within',
    '100 ms of the POST being sent.',
    '',
    ...runs.flatMap(engineSection),
  ].join('\n');
}
