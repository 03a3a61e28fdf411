import { loadConfig } from '../platform/config.js';
import { AppError } from '../platform/errors.js';
import { type CliContext, type Command, UsageError } from './command.js';
import { importCommand } from './commands/import.js';
import { migrateCommand } from './commands/migrate.js';
import { startCommand } from './commands/start.js';
import { tokenCommand } from './commands/token.js';
import { trainCommand } from './commands/train.js';
import { triageCommand } from './commands/triage.js';
import { userCommand } from './commands/user.js';

/** Every sub-command, listed by hand. */
export const commands: Command[] = [
  startCommand,
  importCommand,
  migrateCommand,
  userCommand,
  tokenCommand,
  trainCommand,
  triageCommand,
];

function help(): string {
  const lines = commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`);
  return `usage: rapport <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nrun 'rapport <command> --help' for a command's options\n`;
}

/** Runs one CLI invocation and returns its exit code (0 ok, 1 failure, 2 usage, 3 done with rejected rows). */
export async function runCli(argv: string[], io: Omit<CliContext, 'config'>): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`rapport: unknown command '${name}'\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`usage: ${command.usage}\n\n${command.summary}\n`);
    return 0;
  }
  try {
    const config = loadConfig();
    return await command.run(rest, { ...io, config });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`rapport ${name}: ${error.message}\nusage: ${command.usage}\n`);
      return 2;
    }
    if (error instanceof AppError) {
      io.stderr.write(`rapport ${name}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

const isMain = process.argv[1] && /rapport(\.js)?$|cli[\\/]main\.(js|ts)$/.test(process.argv[1]);
if (isMain) {
  runCli(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`rapport: unexpected error: ${(error as Error).stack ?? error}\n`);
      process.exitCode = 1;
    },
  );
}
