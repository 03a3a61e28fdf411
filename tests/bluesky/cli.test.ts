/** `rapport channel add bluesky …` as the README shows it, against the real network. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, expect, inject, test } from 'vitest';
import type { CliContext } from '../../src/cli/command.js';
import { channelCommand } from '../../src/cli/commands/channel.js';
import { configFrom } from '../../src/platform/config.js';
import { TEST_SECRET_KEY } from '../support/services.js';
import { createAccount } from './support/accounts.js';

let dataDir: string | null = null;
afterEach(() => {
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  dataDir = null;
});

async function run(argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (d) => {
    out += String(d);
  });
  stderr.on('data', (d) => {
    out += String(d);
  });
  const config = configFrom({ RAPPORT_DATA_DIR: dataDir!, RAPPORT_SECRET_KEY: TEST_SECRET_KEY });
  const ctx: CliContext = { config, stdin: new PassThrough(), stdout, stderr };
  const code = await channelCommand.run(argv, ctx).catch((e: Error) => `${e.name}: ${e.message}`);
  return { code, out };
}

test('rapport channel add bluesky --service … --handle … --app-password … --keywords …', async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bsky-cli-'));
  const brand = await createAccount('acme');
  const service = inject('bluesky').pdsUrl;

  const refused = await run([
    'add',
    'bluesky',
    '--service',
    service,
    '--handle',
    brand.handle,
    '--app-password',
    'nope',
  ]);
  expect(String(refused.code)).toMatch(/Bluesky refused the app password/);

  const added = await run([
    'add',
    'bluesky',
    '--service',
    service,
    '--handle',
    `@${brand.handle}`,
    '--app-password',
    brand.appPassword,
    '--keywords',
    'Acme,Akme',
    '--keywords',
    'acme kettle',
    '--poll-interval-seconds',
    '15',
  ]);
  expect(added.code).toBe(0);
  // (the CLI names the account after the handle as typed, @ included)
  expect(added.out).toMatch(
    new RegExp(`added bluesky account \\d+ '@?${brand.handle.replace(/\./g, '\\.')}'`),
  );

  const list = await run(['list']);
  expect(list.out).toContain(`"handle":"${brand.handle}"`);
  expect(list.out).toContain('"keywords":["Acme","Akme","acme kettle"]');
  expect(list.out).toContain('"pollIntervalSeconds":15');
  expect(list.out).not.toContain(brand.appPassword);
});
