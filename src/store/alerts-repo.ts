import type { Kysely } from 'kysely';
import { type AlertSettings, defaultAlertSettings } from '../domain/alerts.js';
import type { AlertDeliveriesTable, Database } from './schema.js';

/** A person's alert settings (the defaults when they never saved any) and their sealed webhook secret. */
export async function getAlertSettings(
  db: Kysely<Database>,
  userId: number,
): Promise<{ settings: AlertSettings; webhookSecretEnc: string | null }> {
  const row = await db
    .selectFrom('alert_settings')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) return { settings: { ...defaultAlertSettings }, webhookSecretEnc: null };
  return {
    settings: { ...defaultAlertSettings, ...(JSON.parse(row.settings_json) as Partial<AlertSettings>) },
    webhookSecretEnc: row.webhook_secret_enc,
  };
}

/** Saves a person's alert settings whole. */
export async function putAlertSettings(
  db: Kysely<Database>,
  userId: number,
  settings: AlertSettings,
  webhookSecretEnc: string | null,
  now: number,
) {
  const values = {
    settings_json: JSON.stringify(settings),
    webhook_secret_enc: webhookSecretEnc,
    updated_at: now,
  };
  await db
    .insertInto('alert_settings')
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
}

/** Stores a browser's push subscription for a user (the same endpoint again moves it to this user). */
export async function upsertPushSubscription(
  db: Kysely<Database>,
  input: { userId: number; endpoint: string; p256dh: string; auth: string; userAgent: string | null },
  now: number,
) {
  const values = {
    user_id: input.userId,
    p256dh: input.p256dh,
    auth: input.auth,
    user_agent: input.userAgent,
  };
  return db
    .insertInto('push_subscriptions')
    .values({ ...values, endpoint: input.endpoint, created_at: now })
    .onConflict((oc) => oc.column('endpoint').doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Removes a subscription by endpoint (only the user's own, unless userId is null); whether it existed. */
export async function deletePushSubscription(db: Kysely<Database>, endpoint: string, userId: number | null) {
  let q = db.deleteFrom('push_subscriptions').where('endpoint', '=', endpoint);
  if (userId !== null) q = q.where('user_id', '=', userId);
  return Number((await q.executeTakeFirst()).numDeletedRows) > 0;
}

/** A user's push subscriptions. */
export function listPushSubscriptions(db: Kysely<Database>, userId: number) {
  return db
    .selectFrom('push_subscriptions')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}

/** A new alert's row; returns its id, or null when one with the same dedupe key exists (said once). */
export async function insertAlert(
  db: Kysely<Database>,
  a: {
    kind: string;
    dedupeKey: string;
    conversationId: number | null;
    title: string;
    body: string;
    url: string;
    ackToken: string;
    escalates: boolean;
    alerted: number[];
    now: number;
  },
): Promise<number | null> {
  const row = await db
    .insertInto('alerts')
    .values({
      kind: a.kind,
      dedupe_key: a.dedupeKey,
      conversation_id: a.conversationId,
      title: a.title,
      body: a.body,
      url: a.url,
      ack_token: a.ackToken,
      escalates: a.escalates ? 1 : 0,
      level: 0,
      alerted_json: JSON.stringify(a.alerted),
      created_at: a.now,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** One alert row. */
export function getAlert(db: Kysely<Database>, id: number) {
  return db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Records one delivery (queued, or skipped with why); returns its id. */
export async function insertDelivery(
  db: Kysely<Database>,
  d: {
    alertId: number;
    userId: number;
    via: AlertDeliveriesTable['via'];
    level: number;
    status: 'queued' | 'skipped';
    detail: string | null;
    now: number;
  },
) {
  const row = await db
    .insertInto('alert_deliveries')
    .values({
      alert_id: d.alertId,
      user_id: d.userId,
      via: d.via,
      level: d.level,
      status: d.status,
      detail: d.detail,
      created_at: d.now,
      updated_at: d.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Settles a delivery: delivered or failed, with what happened. */
export async function settleDelivery(
  db: Kysely<Database>,
  id: number,
  status: 'delivered' | 'failed' | 'queued',
  detail: string | null,
  now: number,
) {
  await db
    .updateTable('alert_deliveries')
    .set({ status, detail: detail?.slice(0, 500) ?? null, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** The audit: newest alerts first with their deliveries, optionally only those that reached `userId`. */
export async function listAlertAudit(db: Kysely<Database>, options: { limit: number; userId?: number }) {
  let q = db.selectFrom('alerts').selectAll().orderBy('id', 'desc').limit(options.limit);
  if (options.userId !== undefined) {
    const userId = options.userId;
    q = q.where(
      'id',
      'in',
      db.selectFrom('alert_deliveries').select('alert_id').where('user_id', '=', userId),
    );
  }
  const alerts = await q.execute();
  const ids = alerts.map((a) => a.id);
  const deliveries =
    ids.length === 0
      ? []
      : await db
          .selectFrom('alert_deliveries')
          .selectAll()
          .where('alert_id', 'in', ids)
          .orderBy('id')
          .execute();
  return alerts.map((a) => ({ alert: a, deliveries: deliveries.filter((d) => d.alert_id === a.id) }));
}
