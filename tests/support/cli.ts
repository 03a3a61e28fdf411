import { PassThrough } from 'node:stream';
import type { CliContext, Command } from '../../src/cli/command.js';
import type { Config } from '../../src/platform/config.js';

/** Runs a CLI command in-process with `input` on stdin; returns its exit code and what it wrote. */
export async function runCommand(command: Command, argv: string[], config: Config, input = '') {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => {
    out += String(d);
  });
  stderr.on('data', (d) => {
    err += String(d);
  });
  stdin.end(input);
  const ctx: CliContext = { config, stdin, stdout, stderr };
  const code = await command.run(argv, ctx);
  return { code, out, err };
}
