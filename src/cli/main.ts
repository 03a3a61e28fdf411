import { loadConfig } from '../platform/config.js';
import { AppError } from '../platform/errors.js';
import { type CliContext, type Command, UsageError } from './command.js';

/**
 * Every sub-command, listed by hand. A command's module loads only when it runs (or for help), so
 * `rapport import` does not load the server and every channel: less memory for long jobs.
 */
const commands: { name: string; load(): Promise<Command> }[] = [
  { name: 'start', load: async () => (await import('./commands/start.js')).startCommand },
  { name: 'import', load: async () => (await import('./commands/import.js')).importCommand },
  { name: 'migrate', load: async () => (await import('./commands/migrate.js')).migrateCommand },
  { name: 'channel', load: async () => (await import('./commands/channel.js')).channelCommand },
  { name: 'user', load: async () => (await import('./commands/user.js')).userCommand },
  { name: 'token', load: async () => (await import('./commands/token.js')).tokenCommand },
  { name: 'train', load: async () => (await import('./commands/train.js')).trainCommand },
  { name: 'triage', load: async () => (await import('./commands/triage.js')).triageCommand },
  { name: 'events', load: async () => (await import('./commands/events.js')).eventsCommand },
  { name: 'sla', load: async () => (await import('./commands/sla.js')).slaCommand },
  { name: 'backup', load: async () => (await import('./commands/backup.js')).backupCommand },
  { name: 'restore', load: async () => (await import('./commands/backup.js')).restoreCommand },
  { name: 'routing', load: async () => (await import('./commands/routing.js')).routingCommand },
  { name: 'contacts', load: async () => (await import('./commands/contacts.js')).contactsCommand },
  { name: 'playbooks', load: async () => (await import('./commands/playbooks.js')).playbooksCommand },
  { name: 'check-reply', load: async () => (await import('./commands/check-reply.js')).checkReplyCommand },
];

async function help(): Promise<string> {
  const loaded = await Promise.all(commands.map((c) => c.load()));
  const lines = loaded.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`);
  return `usage: rapport <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nrun 'rapport <command> --help' for a command's options\n`;
}

/** Runs one CLI invocation and returns its exit code (0 ok, 1 failure, 2 usage, 3 done with rejected rows). */
export async function runCli(argv: string[], io: Omit<CliContext, 'config'>): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(await help());
    return name ? 0 : 2;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.stderr.write(`rapport: unknown command '${name}'\n\n${await help()}`);
    return 2;
  }
  const command = await entry.load();
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
