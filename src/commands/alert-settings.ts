import { randomBytes } from 'node:crypto';
import type { AlertSettings } from '../domain/alerts.js';
import { isTimeZone } from '../domain/business-hours.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.js';
import { sameSecret } from '../platform/secrets.js';
import { vapidKeysFor } from '../platform/vapid-keys.js';
import {
  deletePushSubscription,
  getAlert,
  getAlertSettings,
  listAlertAudit,
  listPushSubscriptions,
  putAlertSettings,
  upsertPushSubscription,
} from '../store/alerts-repo.js';
import { appendEvent } from '../store/events-repo.js';
import { type CommandActor, eventActor } from './actor.js';
import type { Services } from './services.js';

function personOf(actor: CommandActor): number {
  if (actor.userId === null)
    throw new ForbiddenError(
      'alert settings and devices belong to a person: use a session or a personal token',
    );
  return actor.userId;
}

/** The public VAPID key browsers subscribe with (generated once per install). */
export function vapidPublicKey(services: Services): string {
  return vapidKeysFor(services.config).publicKey;
}

/** Stores the caller's browser subscription (the PushSubscription JSON) so alerts reach that device. */
export async function subscribePush(
  services: Services,
  actor: CommandActor,
  sub: { endpoint: string; keys: { p256dh: string; auth: string } },
  userAgent: string | null,
) {
  const url = new URL(sub.endpoint);
  if (url.protocol !== 'https:' && !services.config.RAPPORT_PUSH_ALLOW_HTTP)
    throw new ValidationError('a push endpoint must be an https: URL');
  const row = await upsertPushSubscription(
    services.db.kysely,
    {
      userId: personOf(actor),
      endpoint: sub.endpoint,
      p256dh: sub.keys.p256dh,
      auth: sub.keys.auth,
      userAgent,
    },
    services.clock.now(),
  );
  return { id: row.id, endpoint: row.endpoint, createdAt: Number(row.created_at) };
}

/** Forgets one of the caller's browser subscriptions. */
export async function unsubscribePush(services: Services, actor: CommandActor, endpoint: string) {
  if (!(await deletePushSubscription(services.db.kysely, endpoint, personOf(actor))))
    throw new NotFoundError('no such push subscription of yours');
}

/** The caller's devices with alerts enabled. */
export async function listMyDevices(services: Services, actor: CommandActor) {
  const rows = await listPushSubscriptions(services.db.kysely, personOf(actor));
  return rows.map((r) => ({
    id: r.id,
    endpoint: r.endpoint,
    userAgent: r.user_agent,
    createdAt: Number(r.created_at),
  }));
}

/** The caller's alert settings, with the secret their webhook deliveries are signed with. */
export async function myAlertSettings(services: Services, actor: CommandActor) {
  const { settings, webhookSecretEnc } = await getAlertSettings(services.db.kysely, personOf(actor));
  const webhookSecret = webhookSecretEnc ? (services.secrets.open(webhookSecretEnc) as string) : null;
  return { settings, webhookSecret };
}

/** Saves the caller's alert settings whole; a webhook gets a signing secret the first time. */
export async function saveAlertSettings(services: Services, actor: CommandActor, input: AlertSettings) {
  const userId = personOf(actor);
  if (input.quietHours && !isTimeZone(input.quietHours.timeZone))
    throw new ValidationError(`unknown time zone '${input.quietHours.timeZone}'`);
  const db = services.db.kysely;
  const { webhookSecretEnc } = await getAlertSettings(db, userId);
  const secret = input.webhookUrl
    ? (webhookSecretEnc ?? services.secrets.seal(randomBytes(24).toString('base64url')))
    : null;
  await putAlertSettings(db, userId, input, secret, services.clock.now());
  return myAlertSettings(services, actor);
}

/**
 * Acknowledges an alert, by a signed-in person or with the token its push carried (the
 * notification's button, where the service worker has no session header): escalation stops.
 * Acknowledging twice keeps the first.
 */
export async function acknowledgeAlert(
  services: Services,
  alertId: number,
  by: { actor: CommandActor } | { token: string },
) {
  const db = services.db.kysely;
  const alert = await getAlert(db, alertId);
  if (!alert) throw new NotFoundError('no such alert');
  let userId: number | null = null;
  if ('token' in by) {
    if (!sameSecret(by.token, alert.ack_token)) throw new NotFoundError('no such alert');
  } else userId = by.actor.userId;
  const now = services.clock.now();
  if (alert.acked_at === null) {
    await db.transaction().execute(async (trx) => {
      const done = await trx
        .updateTable('alerts')
        .set({ acked_at: now, acked_by: userId })
        .where('id', '=', alertId)
        .where('acked_at', 'is', null)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) === 0) return;
      await appendEvent(trx, {
        at: now,
        actor: 'token' in by ? { type: 'system', id: null } : eventActor(by.actor),
        conversationId: alert.conversation_id,
        type: 'alert.acknowledged',
        data: { alertId, userId, via: 'token' in by ? 'push' : 'api' },
      });
    });
    services.events.wake();
  }
  return presentAlert((await getAlert(db, alertId))!, []);
}

type AlertRow = NonNullable<Awaited<ReturnType<typeof getAlert>>>;
type DeliveryRow = Awaited<ReturnType<typeof listAlertAudit>>[number]['deliveries'][number];

function presentAlert(a: AlertRow, deliveries: DeliveryRow[]) {
  return {
    id: a.id,
    kind: a.kind,
    conversationId: a.conversation_id,
    title: a.title,
    body: a.body,
    url: a.url,
    level: a.level,
    escalates: a.escalates === 1,
    alerted: JSON.parse(a.alerted_json) as number[],
    createdAt: Number(a.created_at),
    ackedAt: a.acked_at === null ? null : Number(a.acked_at),
    ackedBy: a.acked_by,
    deliveries: deliveries.map((d) => ({
      id: d.id,
      userId: d.user_id,
      via: d.via,
      level: d.level,
      status: d.status,
      detail: d.detail,
      createdAt: Number(d.created_at),
      updatedAt: Number(d.updated_at),
    })),
  };
}

/** The audit of alerts: who was alerted, how, when, delivered or failed, acknowledged by whom. */
export async function alertAudit(
  services: Services,
  options: { limit: number; mine: boolean; actor: CommandActor },
) {
  const rows = await listAlertAudit(services.db.kysely, {
    limit: options.limit,
    userId: options.mine ? personOf(options.actor) : undefined,
  });
  return rows.map((r) => presentAlert(r.alert, r.deliveries));
}
