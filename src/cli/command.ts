import type { Readable, Writable } from 'node:stream';
import type { Config } from '../platform/config.js';

/** What every CLI command gets: settings and the three standard streams (swappable in tests). */
export interface CliContext {
  config: Config;
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

/** One `rapport <name>` sub-command; returns the process exit code. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], ctx: CliContext): Promise<number>;
}

/** Thrown for wrong command-line usage; main prints the message and the usage, exit code 2. */
export class UsageError extends Error {}
