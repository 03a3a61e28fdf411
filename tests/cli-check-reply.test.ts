import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { checkReplyCommand } from '../src/cli/commands/check-reply.js';
import { putReplyCheckSettings } from '../src/commands/reply-checks.js';
import { configFrom } from '../src/platform/config.js';
import { openServices } from '../src/runtime/services.js';
import { runCommand } from './support/cli.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function workspace() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-cli-check-'));
  dirs.push(dir);
  const config = configFrom({ RAPPORT_DATA_DIR: dir, RAPPORT_LOG_LEVEL: 'silent' });
  const services = await openServices(config);
  await putReplyCheckSettings(
    services,
    { type: 'user', id: 1, userId: null, name: 'admin' },
    {
      levels: { offline_shunt: 'block' },
      channels: {},
      confidentialTerms: ['Project Falcon'],
      publicContacts: [],
      requireSignature: true,
    },
  );
  await services.db.close();
  return config;
}

const line = (o: object) => `${JSON.stringify(o)}\n`;

describe('rapport check-reply', () => {
  it('writes one findings line per input with the workspace settings', async () => {
    const config = await workspace();
    const letter =
      'Thanks for reaching out! Please send us your booking reference and we will check it for you.';
    const input =
      line({
        text: 'DM us and we will go from there.',
        customer_text: 'my flight was cancelled',
        customer_name: 'Ana',
      }) +
      line({
        text: 'Hi Ana, your refund for the cancelled flight is on its way. -Sam',
        customer_text: 'refund for my cancelled flight?',
        customer_name: 'Ana',
      }) +
      '\n' +
      line({ text: `${letter} ^JB` }) +
      'not json\n' +
      line({ text: `${letter} ^KT`, customer_text: 'Project Falcon leaked?' });
    const r = await runCommand(checkReplyCommand, [], config, input);
    expect(r.code).toBe(1); // one invalid line
    const out = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(5);
    expect(out[0].findings.map((f: { code: string; severity: string }) => [f.code, f.severity])).toEqual([
      ['offline_shunt', 'block'],
      ['not_personal', 'warn'],
      ['missing_name', 'warn'],
      ['unsigned', 'warn'],
    ]);
    expect(out[1]).toEqual({ findings: [] });
    expect(out[2].findings).toEqual([]);
    expect(out[3].error).toMatch(/^line 5:/);
    expect(out[4].findings.map((f: { code: string }) => f.code)).toContain('form_letter');
    expect(r.err).toMatch(/1 invalid line/);
  });

  it('streams: an answer is written before the input ends, without progress on a pipe', async () => {
    const config = await workspace();
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (d) => {
      err += String(d);
    });
    const done = checkReplyCommand.run([], { config, stdin, stdout, stderr });
    stdin.write(line({ text: 'Please call us on 0800 123 4567. -Sam' }));
    const [first] = (await once(stdout, 'data')) as [Buffer];
    expect(JSON.parse(String(first)).findings[0]).toMatchObject({ code: 'offline_shunt' });
    for (let i = 0; i < 1200; i += 1) stdin.write(line({ text: `Order ${i} ships today. -Sam` }));
    stdin.end();
    expect(await done).toBe(0);
    expect(err).toBe('');
  });
});
