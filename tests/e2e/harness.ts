/**
 * Shared setup for the browser tests and the browser benchmark: a built web app, a real Rapport
 * server on a random port (fresh SQLite data folder) and Debian's Chromium driven by playwright-core.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium } from 'playwright-core';
import type { Services } from '../../src/commands/services.js';
import { configFrom } from '../../src/platform/config.js';
import { startEventStream } from '../../src/runtime/event-stream.js';
import { openServices } from '../../src/runtime/services.js';
import { buildServer } from '../../src/server/app.js';
import type { ContractViolation } from '../../src/server/contract-check.js';

/** The system Chromium the browser suites drive (never a downloaded one). */
export const chromiumPath = '/usr/bin/chromium';

/** Whether the browser suites can run on this machine. */
export const hasChromium = fs.existsSync(chromiumPath);

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const webRoot = path.join(repoRoot, 'web');

function newestMtime(target: string): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target))
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Builds web/dist with Vite when it is missing or older than its sources (so tests see the current UI). */
export function ensureWebBuilt(): void {
  const index = path.join(webRoot, 'dist', 'index.html');
  const sources = ['src', 'public', 'index.html', 'vite.config.ts'].map((p) => path.join(webRoot, p));
  const newestSource = Math.max(...sources.filter((p) => fs.existsSync(p)).map(newestMtime));
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newestSource) return;
  const vite = path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: repoRoot,
    // vitest sets NODE_ENV=test, which would make Vite build React's development bundle
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** A running server and how to reach it. */
export interface RunningServer {
  app: FastifyInstance;
  services: Services;
  baseUrl: string;
  dataDir: string;
  /** Answers that broke their route's contract (close() throws when there are any). */
  violations: ContractViolation[];
  close(): Promise<void>;
}

/**
 * Starts the real server in-process on 127.0.0.1 with a fresh data folder. Every API answer is
 * checked against its contract unless `checkResponses` is false (the benchmark measures without).
 */
export async function startServer(
  env: Record<string, string> = {},
  { checkResponses = true }: { checkResponses?: boolean } = {},
): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-e2e-'));
  const services = await openServices(
    configFrom({
      RAPPORT_DATA_DIR: dataDir,
      RAPPORT_LOG_LEVEL: 'silent',
      RAPPORT_RATE_LIMIT_PER_MINUTE: '100000',
      RAPPORT_LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      ...env,
    }),
  );
  const events = await startEventStream(services);
  const violations: ContractViolation[] = [];
  const app = await buildServer(
    services,
    checkResponses ? { checkResponses: (v) => violations.push(v) } : {},
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    services,
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir,
    violations,
    close: async () => {
      await app.close();
      await events.stop();
      await services.db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (violations.length > 0) {
        throw new Error(`answers broke their contracts:\n${JSON.stringify(violations, null, 2)}`);
      }
    },
  };
}

/** Launches Debian's Chromium headless, with the flags that keep it quiet and offline. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Where the browser tests keep their screenshots (ignored by git). */
export const screenshotDir = path.join(repoRoot, 'tests', 'e2e', 'screenshots');
