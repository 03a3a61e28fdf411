import { parseArgs } from 'node:util';
import { UsageError } from './command.js';

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

/** parseArgs with strict checking, turning its errors into UsageError. */
export function parseCommandArgs<T extends Options>(argv: string[], options: T, allowPositionals = true) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
