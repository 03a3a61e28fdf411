import { accountChannelDefinition, channelDefinitions } from '../../channels/registry.js';
import { fieldsOf } from '../../channels/schema-fields.js';
import {
  addChannelAccount,
  listChannelAccounts,
  loadChannelAccount,
  removeChannelAccount,
  setChannelAccountPaused,
  updateChannelAccount,
} from '../../commands/channel-accounts.js';
import { systemActor } from '../../store/events-repo.js';
import { channelFlags, flagName } from '../channel-flags.js';
import { type CliContext, type Command, UsageError } from '../command.js';
import { withServices } from '../services.js';

function accountId(value: string | undefined): number {
  const id = Number(value);
  if (!value || !Number.isInteger(id) || id <= 0)
    throw new UsageError('give one channel account id (see rapport channel list)');
  return id;
}

async function add([type, ...rest]: string[], ctx: CliContext): Promise<number> {
  if (!type) throw new UsageError(`give a channel type (${types()})`);
  const definition = accountChannelDefinition(type);
  const flags = channelFlags(rest, {
    settings: definition.settingsSchema,
    secrets: definition.secretsSchema,
  });
  const name =
    flags.name ?? String(flags.settings.handle ?? flags.settings.address ?? type).replace(/^@/, '');
  if (flags.verify) ctx.stderr.write(`checking the ${type} account can connect…\n`);
  const account = await withServices(ctx, (services) =>
    addChannelAccount(services, systemActor, {
      type,
      name,
      settings: flags.settings,
      secrets: flags.secrets,
      verify: flags.verify,
    }),
  );
  ctx.stdout.write(`added ${type} account ${account.id} '${account.name}'\n`);
  return 0;
}

async function update([id, ...rest]: string[], ctx: CliContext): Promise<number> {
  const accId = accountId(id);
  const account = await withServices(ctx, async (services) => {
    const current = await loadChannelAccount(services, accId);
    const definition = accountChannelDefinition(current.channel);
    const flags = channelFlags(rest, {
      settings: definition.settingsSchema,
      secrets: definition.secretsSchema,
    });
    return updateChannelAccount(services, systemActor, accId, { ...flags });
  });
  ctx.stdout.write(
    `updated ${account.channel} account ${account.id} '${account.name}' (${account.status})\n`,
  );
  return 0;
}

async function list(_argv: string[], ctx: CliContext): Promise<number> {
  const accounts = await withServices(ctx, (services) => listChannelAccounts(services));
  if (accounts.length === 0) {
    ctx.stdout.write(`no channel accounts; add one with: rapport channel add <${types()}> …\n`);
    return 0;
  }
  ctx.stdout.write('id\ttype\tname\tstatus\tsettings\n');
  for (const a of accounts) {
    const status = a.statusMessage ? `${a.status}: ${a.statusMessage}` : a.status;
    ctx.stdout.write(`${a.id}\t${a.channel}\t${a.name}\t${status}\t${JSON.stringify(a.settings)}\n`);
  }
  return 0;
}

function pauseOrResume(paused: boolean) {
  return async ([id]: string[], ctx: CliContext): Promise<number> => {
    const account = await withServices(ctx, (services) =>
      setChannelAccountPaused(services, systemActor, accountId(id), paused),
    );
    ctx.stdout.write(
      `${paused ? 'paused' : 'resumed'} ${account.channel} account ${account.id} '${account.name}'\n`,
    );
    return 0;
  };
}

async function remove([id]: string[], ctx: CliContext): Promise<number> {
  const accId = accountId(id);
  await withServices(ctx, (services) => removeChannelAccount(services, systemActor, accId));
  ctx.stdout.write(`removed channel account ${accId}; its conversations stay in the inbox\n`);
  return 0;
}

function types() {
  return channelDefinitions
    .filter((d) => d.type !== 'generic')
    .map((d) => d.type)
    .join('|');
}

function optionsHelp(): string {
  return channelDefinitions
    .filter((d) => d.type !== 'generic')
    .map((d) => {
      const settings = Object.keys(fieldsOf(d.settingsSchema)).map(flagName);
      const secrets = Object.keys(fieldsOf(d.secretsSchema)).map(flagName);
      return `\n  ${d.type}: ${[...settings, ...secrets].join(' ')}`;
    })
    .join('');
}

const subcommands: Record<string, (argv: string[], ctx: CliContext) => Promise<number>> = {
  add,
  update,
  list,
  pause: pauseOrResume(true),
  resume: pauseOrResume(false),
  remove,
};

/** `rapport channel`: connect, list, pause, resume, update and remove channel accounts. */
export const channelCommand: Command = {
  name: 'channel',
  summary: 'manage channel accounts (add, list, pause, resume, update, remove)',
  get usage() {
    return (
      'rapport channel add TYPE [--name N] [--no-verify] [--OPTION VALUE …]\n' +
      '       rapport channel update ID [--OPTION VALUE …]\n' +
      '       rapport channel list | pause ID | resume ID | remove ID\n' +
      `options by type:${optionsHelp()}`
    );
  },
  async run(argv, ctx) {
    const [sub, ...rest] = argv;
    const handler = sub ? subcommands[sub] : undefined;
    if (!handler) throw new UsageError(sub ? `unknown subcommand '${sub}'` : 'missing subcommand');
    return handler(rest, ctx);
  },
};
