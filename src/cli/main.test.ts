import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from './main.js';

describe('rapport CLI', () => {
  it('lists every command under the name it is dispatched by', async () => {
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (c) => {
      out += c;
    });
    const io = { stdin: new PassThrough(), stdout, stderr: new PassThrough() };
    expect(await runCli(['help'], io)).toBe(0);
    const listed = [...out.matchAll(/^ {2}(\S+) /gm)].map((m) => m[1]);
    expect(listed).toEqual([
      'start',
      'import',
      'migrate',
      'channel',
      'user',
      'token',
      'train',
      'triage',
      'events',
      'sla',
      'backup',
      'restore',
      'routing',
      'contacts',
      'playbooks',
      'check-reply',
    ]);
    for (const name of listed) {
      out = '';
      expect(await runCli([name!, '--help'], io)).toBe(0);
      expect(out).toMatch(new RegExp(`^usage: rapport ${name}\\b`));
    }
  });
});
