import {
  type ChannelAccountView,
  decodeChannelAccount,
  presentChannelAccount,
} from '../channels/account-codec.js';
import { accountChannelDefinition } from '../channels/registry.js';
import type { ChannelAccount } from '../channels/types.js';
import { ConflictError, fromZod, NotFoundError } from '../platform/errors.js';
import {
  deleteChannelAccount,
  findChannelAccountByName,
  getChannelAccountRow,
  insertChannelAccount,
  listChannelAccountRows,
  setChannelAccountStatus,
  updateChannelAccountConfig,
} from '../store/channel-accounts-repo.js';
import { appendEvent, type EventActor } from '../store/events-repo.js';
import type { Services } from './services.js';

export type { ChannelAccountView } from '../channels/account-codec.js';

/** Loads one account with its secrets, or throws NotFoundError. */
export async function loadChannelAccount(services: Services, id: number): Promise<ChannelAccount> {
  const row = await getChannelAccountRow(services.db.kysely, id);
  if (!row) throw new NotFoundError(`channel account ${id}`);
  return decodeChannelAccount(services, row);
}

/** Every account, optionally of one channel type. */
export async function listChannelAccounts(services: Services, channel?: string) {
  return (await listChannelAccountRows(services.db.kysely, channel)).map(presentChannelAccount);
}

function validated(type: string, settings: unknown, secrets: unknown) {
  const definition = accountChannelDefinition(type);
  const s = definition.settingsSchema.safeParse(settings ?? {});
  if (!s.success) throw fromZod(s.error, `${type} settings`);
  const k = definition.secretsSchema.safeParse(secrets ?? {});
  if (!k.success) throw fromZod(k.error, `${type} secrets`);
  return { definition, settings: s.data, secrets: k.data };
}

async function verifyAccount(services: Services, account: ChannelAccount) {
  const definition = accountChannelDefinition(account.channel);
  if (!definition.verify) return;
  const controller = new AbortController();
  try {
    await definition.verify(account, services.channelContext(account, controller.signal));
  } finally {
    controller.abort();
  }
}

/**
 * Connects a new account: validates its settings and secrets against the channel's schemas, checks
 * it can connect (unless `verify` is false), then stores it with its secrets sealed.
 */
export async function addChannelAccount(
  services: Services,
  actor: EventActor,
  input: { type: string; name: string; settings?: unknown; secrets?: unknown; verify?: boolean },
): Promise<ChannelAccountView> {
  const db = services.db.kysely;
  const { settings, secrets } = validated(input.type, input.settings, input.secrets);
  if (await findChannelAccountByName(db, input.type, input.name)) {
    throw new ConflictError(`a ${input.type} account named '${input.name}' already exists`);
  }
  const now = services.clock.now();
  const draft: ChannelAccount = {
    id: 0,
    channel: input.type,
    name: input.name,
    settings,
    secrets,
    status: 'active',
    statusMessage: null,
    createdAt: now,
    updatedAt: now,
  };
  if (input.verify !== false) await verifyAccount(services, draft);
  const sealed = Object.keys(secrets).length > 0 ? services.secrets.seal(secrets) : null;
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await insertChannelAccount(trx, {
      channel: input.type,
      name: input.name,
      settingsJson: JSON.stringify(settings),
      secretsEnc: sealed,
      now,
    });
    await appendEvent(trx, {
      at: now,
      actor,
      type: 'channel.added',
      data: { accountId: inserted.id, channel: input.type, name: input.name },
    });
    return inserted;
  });
  services.events.wake();
  return presentChannelAccount(row);
}

/**
 * Changes an account's settings and/or secrets (merged over the current ones), re-verifies it and
 * marks it active again: the way back from "broken" after a password is replaced.
 */
export async function updateChannelAccount(
  services: Services,
  actor: EventActor,
  id: number,
  input: { settings?: Record<string, unknown>; secrets?: Record<string, unknown>; verify?: boolean },
): Promise<ChannelAccountView> {
  const current = await loadChannelAccount(services, id);
  const { settings, secrets } = validated(
    current.channel,
    { ...current.settings, ...input.settings },
    { ...current.secrets, ...input.secrets },
  );
  const now = services.clock.now();
  if (input.verify !== false) await verifyAccount(services, { ...current, settings, secrets });
  const db = services.db.kysely;
  await db.transaction().execute(async (trx) => {
    await updateChannelAccountConfig(trx, id, {
      settingsJson: JSON.stringify(settings),
      secretsEnc: Object.keys(secrets).length > 0 ? services.secrets.seal(secrets) : null,
      now,
    });
    if (current.status === 'broken') {
      await setChannelAccountStatus(trx, id, { status: 'active', message: null, now, byPerson: true });
    }
    await appendEvent(trx, {
      at: now,
      actor,
      type: 'channel.updated',
      data: {
        accountId: id,
        settings: Object.keys(input.settings ?? {}),
        secrets: Object.keys(input.secrets ?? {}),
      },
    });
  });
  services.events.wake();
  return presentChannelAccount((await getChannelAccountRow(db, id))!);
}

/** Pauses (connector stops, replies queue up) or resumes an account. */
export async function setChannelAccountPaused(
  services: Services,
  actor: EventActor,
  id: number,
  paused: boolean,
): Promise<ChannelAccountView> {
  const db = services.db.kysely;
  const row = await getChannelAccountRow(db, id);
  if (!row) throw new NotFoundError(`channel account ${id}`);
  const now = services.clock.now();
  await db.transaction().execute(async (trx) => {
    await setChannelAccountStatus(trx, id, {
      status: paused ? 'paused' : 'active',
      message: null,
      now,
      byPerson: true,
    });
    await appendEvent(trx, {
      at: now,
      actor,
      type: paused ? 'channel.paused' : 'channel.resumed',
      data: { accountId: id },
    });
  });
  services.events.wake();
  return presentChannelAccount((await getChannelAccountRow(db, id))!);
}

/** Removes an account: its connector stops; its conversations and messages stay. */
export async function removeChannelAccount(services: Services, actor: EventActor, id: number): Promise<void> {
  const db = services.db.kysely;
  const now = services.clock.now();
  await db.transaction().execute(async (trx) => {
    const row = await getChannelAccountRow(trx, id);
    if (!row) throw new NotFoundError(`channel account ${id}`);
    await deleteChannelAccount(trx, id);
    await appendEvent(trx, {
      at: now,
      actor,
      type: 'channel.removed',
      data: { accountId: id, channel: row.channel, name: row.name },
    });
  });
  services.events.wake();
}
