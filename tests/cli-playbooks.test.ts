import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { playbooksCommand } from '../src/cli/commands/playbooks.js';
import { configFrom } from '../src/platform/config.js';
import { runCommand } from './support/cli.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('rapport playbooks', () => {
  it('installs the default playbooks once and lists them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-cli-playbooks-'));
    dirs.push(dir);
    const config = configFrom({ RAPPORT_DATA_DIR: dir, RAPPORT_LOG_LEVEL: 'silent' });
    const first = await runCommand(playbooksCommand, ['defaults'], config);
    expect(first).toMatchObject({ code: 0, out: 'installed 7 playbooks and 5 saved replies\n' });
    const again = await runCommand(playbooksCommand, ['defaults'], config);
    expect(again.out).toBe('installed 0 playbooks and 0 saved replies\n');
    const list = await runCommand(playbooksCommand, ['list'], config);
    expect(list.out).toMatch(/^billing\tBilling and unexpected charges$/m);
    await expect(runCommand(playbooksCommand, ['nope'], config)).rejects.toThrow(/unknown subcommand/);
  });
});
