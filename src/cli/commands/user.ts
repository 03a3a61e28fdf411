import type { Readable } from 'node:stream';
import { z } from 'zod';
import { shellActor } from '../../commands/admin-actor.js';
import { addUser, changePassword, listUsers, updateUser } from '../../commands/users.js';
import { roles } from '../../domain/roles.js';
import { AppError } from '../../platform/errors.js';
import type { UserRole } from '../../store/users-repo.js';
import { parseCommandArgs } from '../args.js';
import { type CliContext, type Command, UsageError } from '../command.js';
import { withServices } from '../services.js';

/** The one required string option, or a UsageError naming it. */
export function requireOption(value: string | boolean | undefined, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

type TtyInput = Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

/** Reads one line from a terminal without echoing it (Ctrl-C aborts, backspace edits). */
function promptHidden(ctx: CliContext, question: string): Promise<string> {
  const input = ctx.stdin as TtyInput;
  ctx.stderr.write(question);
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      ctx.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (data: Buffer | string) => {
      for (const char of String(data)) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new AppError('validation_failed', 'aborted'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    input.setRawMode?.(true);
    input.on('data', onData);
    input.resume();
  });
}

/**
 * Gets a new password: from stdin (first line) with --password-stdin or when stdin is not a
 * terminal, otherwise by asking twice without echo.
 */
export async function readNewPassword(ctx: CliContext, fromStdin: boolean): Promise<string> {
  if (fromStdin || !(ctx.stdin as TtyInput).isTTY) {
    const firstLine = (await readAll(ctx.stdin)).split(/\r?\n/)[0] ?? '';
    if (!firstLine) throw new UsageError('no password on stdin');
    return firstLine;
  }
  const first = await promptHidden(ctx, 'Password (at least 10 characters): ');
  const second = await promptHidden(ctx, 'Repeat password: ');
  if (first !== second) throw new UsageError('the passwords do not match');
  return first;
}

const roleSchema = z.enum(roles);
const emailSchema = z.string().trim().pipe(z.email());

function parseEmail(value: string | boolean | undefined): string {
  const parsed = emailSchema.safeParse(requireOption(value, 'email'));
  if (!parsed.success) throw new UsageError(`not an email address: ${String(value)}`);
  return parsed.data;
}

function parseRole(admin: boolean | undefined, role: string | boolean | undefined): UserRole {
  if (admin && role !== undefined && role !== 'admin') throw new UsageError('use either --admin or --role');
  if (admin) return 'admin';
  if (role === undefined) return 'agent';
  const parsed = roleSchema.safeParse(role);
  if (!parsed.success) throw new UsageError('--role must be admin, agent or viewer');
  return parsed.data;
}

async function add(argv: string[], ctx: CliContext): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    {
      email: { type: 'string' },
      name: { type: 'string' },
      admin: { type: 'boolean' },
      role: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    },
    false,
  );
  const email = parseEmail(values.email);
  const name = requireOption(values.name, 'name');
  const role = parseRole(values.admin, values.role);
  const password = await readNewPassword(ctx, values['password-stdin'] === true);
  const user = await withServices(ctx, (services) =>
    addUser(services, shellActor, { email, name, role, password }),
  );
  ctx.stdout.write(`created ${user.role} ${user.email} (id ${user.id})\n`);
  return 0;
}

async function list(_argv: string[], ctx: CliContext): Promise<number> {
  const users = await withServices(ctx, listUsers);
  if (users.length === 0) {
    ctx.stdout.write('no users yet; add one with: rapport user add --admin --email E --name N\n');
    return 0;
  }
  for (const u of users) {
    ctx.stdout.write(`${u.id}\t${u.email}\t${u.name}\t${u.role}${u.disabled ? '\tdisabled' : ''}\n`);
  }
  return 0;
}

async function passwd(argv: string[], ctx: CliContext): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    { email: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
    false,
  );
  const email = parseEmail(values.email);
  const password = await readNewPassword(ctx, values['password-stdin'] === true);
  await withServices(ctx, (services) => changePassword(services, shellActor, { email }, password));
  ctx.stdout.write(`password changed for ${email}; their sessions were ended\n`);
  return 0;
}

async function disable(argv: string[], ctx: CliContext): Promise<number> {
  const { values } = parseCommandArgs(argv, { email: { type: 'string' } }, false);
  const email = parseEmail(values.email);
  await withServices(ctx, (services) => updateUser(services, shellActor, { email }, { disabled: true }));
  ctx.stdout.write(`disabled ${email}\n`);
  return 0;
}

const subcommands: Record<string, (argv: string[], ctx: CliContext) => Promise<number>> = {
  add,
  list,
  passwd,
  disable,
};

/** `rapport user`: add the first admin and manage accounts from the server's shell. */
export const userCommand: Command = {
  name: 'user',
  summary: 'manage users (add, list, passwd, disable)',
  usage:
    'rapport user add --email E --name N [--admin | --role agent|viewer] [--password-stdin]\n' +
    '       rapport user list\n' +
    '       rapport user passwd --email E [--password-stdin]\n' +
    '       rapport user disable --email E',
  async run(argv, ctx) {
    const [sub, ...rest] = argv;
    const handler = sub ? subcommands[sub] : undefined;
    if (!handler) throw new UsageError(sub ? `unknown subcommand '${sub}'` : 'missing subcommand');
    return handler(rest, ctx);
  },
};
