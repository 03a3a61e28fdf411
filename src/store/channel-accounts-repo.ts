import { type Kysely, sql } from 'kysely';
import type { ChannelAccountRow, Database } from './schema.js';

/** Inserts an account (secrets already sealed) and returns its row. */
export async function insertChannelAccount(
  db: Kysely<Database>,
  values: { channel: string; name: string; settingsJson: string; secretsEnc: string | null; now: number },
): Promise<ChannelAccountRow> {
  return db
    .insertInto('channel_accounts')
    .values({
      channel: values.channel,
      name: values.name,
      settings_json: values.settingsJson,
      secrets_enc: values.secretsEnc,
      status: 'active',
      status_message: null,
      created_at: values.now,
      updated_at: values.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Every account, oldest first (the supervisor and the listings read this). */
export async function listChannelAccountRows(db: Kysely<Database>, channel?: string) {
  let q = db.selectFrom('channel_accounts').selectAll().orderBy('id', 'asc');
  if (channel) q = q.where('channel', '=', channel);
  return q.execute();
}

/** One account by id, or undefined. */
export async function getChannelAccountRow(db: Kysely<Database>, id: number) {
  return db.selectFrom('channel_accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One account by its channel and name (names are unique per channel), or undefined. */
export async function findChannelAccountByName(db: Kysely<Database>, channel: string, name: string) {
  return db
    .selectFrom('channel_accounts')
    .selectAll()
    .where('channel', '=', channel)
    .where('name', '=', name)
    .executeTakeFirst();
}

/**
 * Sets an account's status. People's actions (pause, resume) bump updated_at, which tells the
 * supervisor to restart the connector; a connector reporting on itself does not (it would restart
 * itself in a loop), and its write is skipped when nothing changed. Returns whether a row changed.
 */
export async function setChannelAccountStatus(
  db: Kysely<Database>,
  id: number,
  change: { status: ChannelAccountRow['status']; message: string | null; now: number; byPerson: boolean },
): Promise<boolean> {
  const { status, message, now, byPerson } = change;
  let q = db
    .updateTable('channel_accounts')
    .set(
      byPerson ? { status, status_message: message, updated_at: now } : { status, status_message: message },
    )
    .where('id', '=', id);
  if (!byPerson) {
    q = q.where((eb) =>
      eb.or([eb('status', '!=', status), sql<boolean>`coalesce(status_message, '') != ${message ?? ''}`]),
    );
  }
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Replaces an account's settings and sealed secrets (a new password, new keywords). */
export async function updateChannelAccountConfig(
  db: Kysely<Database>,
  id: number,
  values: { settingsJson: string; secretsEnc: string | null; now: number },
): Promise<void> {
  await db
    .updateTable('channel_accounts')
    .set({ settings_json: values.settingsJson, secrets_enc: values.secretsEnc, updated_at: values.now })
    .where('id', '=', id)
    .execute();
}

/** Deletes an account (its state and audience rows go with it; conversations keep their history). */
export async function deleteChannelAccount(db: Kysely<Database>, id: number): Promise<boolean> {
  const result = await db.deleteFrom('channel_accounts').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Reads one key of an account's durable state. */
export async function getAccountState(db: Kysely<Database>, accountId: number, key: string) {
  const row = await db
    .selectFrom('channel_account_state')
    .select('value')
    .where('account_id', '=', accountId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value ?? null;
}

/** Writes one key of an account's durable state (insert or replace). */
export async function setAccountState(
  db: Kysely<Database>,
  accountId: number,
  key: string,
  value: string,
  now: number,
): Promise<void> {
  await db
    .insertInto('channel_account_state')
    .values({ account_id: accountId, key, value, updated_at: now })
    .onConflict((oc) => oc.columns(['account_id', 'key']).doUpdateSet({ value, updated_at: now }))
    .execute();
}

/** Records one day's audience figures for an account (last write of the day wins). */
export async function upsertAudienceSnapshot(
  db: Kysely<Database>,
  row: {
    accountId: number;
    day: string;
    followers: number;
    following: number | null;
    posts: number | null;
    now: number;
  },
): Promise<void> {
  const values = {
    followers: row.followers,
    following: row.following,
    posts: row.posts,
    recorded_at: row.now,
  };
  await db
    .insertInto('audience_snapshots')
    .values({ account_id: row.accountId, day: row.day, ...values })
    .onConflict((oc) => oc.columns(['account_id', 'day']).doUpdateSet(values))
    .execute();
}

/** Stores attachments of a message. */
export async function insertAttachments(
  db: Kysely<Database>,
  rows: {
    messageId: number;
    filename: string;
    contentType: string;
    size: number;
    data: Buffer | null;
    omittedReason: string | null;
    now: number;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('attachments')
    .values(
      rows.map((r) => ({
        message_id: r.messageId,
        filename: r.filename,
        content_type: r.contentType,
        size: r.size,
        data: r.data,
        omitted_reason: r.omittedReason,
        created_at: r.now,
      })),
    )
    .execute();
}

/** Attachment descriptions (no bytes) of some messages. */
export async function listAttachmentsOf(db: Kysely<Database>, messageIds: number[]) {
  if (messageIds.length === 0) return [];
  return db
    .selectFrom('attachments')
    .select(['id', 'message_id', 'filename', 'content_type', 'size', 'omitted_reason'])
    .where('message_id', 'in', messageIds)
    .orderBy('id', 'asc')
    .execute();
}

/** One attachment with its bytes (for download). */
export async function getAttachment(db: Kysely<Database>, id: number) {
  return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
}
