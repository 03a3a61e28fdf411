import { z } from 'zod';
import { shellActor } from '../../commands/admin-actor.js';
import { createToken, listTokens, revokeToken } from '../../commands/tokens.js';
import { listUsers } from '../../commands/users.js';
import { roles } from '../../domain/roles.js';
import { parseCommandArgs } from '../args.js';
import { type CliContext, type Command, UsageError } from '../command.js';
import { withServices } from '../services.js';
import { requireOption } from './user.js';

const roleSchema = z.enum(roles);
const when = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());

async function create(argv: string[], ctx: CliContext): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    { name: { type: 'string' }, role: { type: 'string' }, user: { type: 'string' } },
    false,
  );
  const name = requireOption(values.name, 'name');
  const role = roleSchema.safeParse(values.role ?? 'agent');
  if (!role.success) throw new UsageError('--role must be admin, agent or viewer');
  const owner = values.user === undefined ? null : { email: requireOption(values.user, 'user') };
  const created = await withServices(ctx, (services) =>
    createToken(services, shellActor, { name, role: role.data, owner }),
  );
  ctx.stderr.write(
    `created ${role.data} token ${created.apiToken.id} '${name}'; it is shown only this once:\n`,
  );
  ctx.stdout.write(`${created.token}\n`);
  return 0;
}

async function list(_argv: string[], ctx: CliContext): Promise<number> {
  const [tokens, users] = await withServices(ctx, (services) =>
    Promise.all([listTokens(services), listUsers(services)]),
  );
  if (tokens.length === 0) {
    ctx.stdout.write('no API tokens; create one with: rapport token create --name N\n');
    return 0;
  }
  const emailOf = new Map(users.map((u) => [u.id, u.email]));
  ctx.stdout.write('id\tprefix\tname\trole\towner\tcreated\tlast used\tstatus\n');
  for (const t of tokens) {
    const owner = t.user_id === null ? '-' : (emailOf.get(t.user_id) ?? String(t.user_id));
    const status = t.revoked_at === null ? 'active' : `revoked ${when(t.revoked_at)}`;
    ctx.stdout.write(
      `${t.id}\t${t.prefix}…\t${t.name}\t${t.role}\t${owner}\t${when(t.created_at)}\t${when(t.last_used_at)}\t${status}\n`,
    );
  }
  return 0;
}

async function revoke(argv: string[], ctx: CliContext): Promise<number> {
  const { positionals } = parseCommandArgs(argv, {}, true);
  const id = Number(positionals[0]);
  if (positionals.length !== 1 || !Number.isInteger(id) || id <= 0) throw new UsageError('give one token id');
  await withServices(ctx, (services) => revokeToken(services, shellActor, id));
  ctx.stdout.write(`revoked token ${id}\n`);
  return 0;
}

const subcommands: Record<string, (argv: string[], ctx: CliContext) => Promise<number>> = {
  create,
  list,
  revoke,
};

/** `rapport token`: API tokens for scripts and integrations (Authorization: Bearer rpt_…). */
export const tokenCommand: Command = {
  name: 'token',
  summary: 'manage API tokens (create, list, revoke)',
  usage:
    'rapport token create --name N [--role agent|admin|viewer] [--user EMAIL]\n' +
    '       rapport token list\n' +
    '       rapport token revoke ID',
  async run(argv, ctx) {
    const [sub, ...rest] = argv;
    const handler = sub ? subcommands[sub] : undefined;
    if (!handler) throw new UsageError(sub ? `unknown subcommand '${sub}'` : 'missing subcommand');
    return handler(rest, ctx);
  },
};
