import type { AlertKind } from '../domain/alerts.js';
import { escalationChain, nextEscalation } from '../domain/on-call.js';
import type { JobPayload } from '../jobs/kinds.js';
import { completeJob, enqueueJob, failJob } from '../jobs/queue.js';
import { SendError } from '../platform/errors.js';
import { vapidKeysFor } from '../platform/vapid-keys.js';
import {
  deletePushSubscription,
  getAlert,
  getAlertSettings,
  listPushSubscriptions,
  settleDelivery,
} from '../store/alerts-repo.js';
import { activeResponders, listOverrides, listRotations } from '../store/on-call-repo.js';
import type { JobRow } from '../store/schema.js';
import { type AlertMessage, sendAlertEmail, sendAlertWebhook, sendPush } from './alert-transports.js';
import { ALERT_DELIVERY_ATTEMPTS, alertPeople } from './alerts.js';
import type { Services } from './services.js';

/** Push requests wait this long for the push service. */
const PUSH_TIMEOUT_MS = 10_000;

/**
 * Processes one `alert.deliver` job: sends the alert to one person by one means (push to each of
 * their subscribed browsers, forgetting the ones the push service says are gone; email; signed
 * webhook) and records the outcome on the delivery row, the audit. Retryable failures go again with
 * backoff; an alert acknowledged in the meantime is not sent any more.
 */
export async function deliverAlert(
  services: Services,
  job: JobRow,
  { deliveryId }: JobPayload<'alert.deliver'>,
) {
  const db = services.db.kysely;
  const now = () => services.clock.now();
  const delivery = await db
    .selectFrom('alert_deliveries')
    .selectAll()
    .where('id', '=', deliveryId)
    .executeTakeFirst();
  const alert = delivery ? await getAlert(db, delivery.alert_id) : undefined;
  if (!delivery || !alert || delivery.status !== 'queued') return completeJob(db, job.id, now());
  if (alert.acked_at !== null) {
    await settleDelivery(db, deliveryId, 'failed', 'not sent: already acknowledged', now());
    return completeJob(db, job.id, now());
  }
  const message: AlertMessage = {
    alertId: alert.id,
    title: alert.title,
    body: alert.body,
    url: alert.url,
    ackToken: alert.ack_token,
    kind: alert.kind,
  };
  try {
    const detail = await send(services, delivery.user_id, delivery.via, message);
    await settleDelivery(db, deliveryId, 'delivered', detail, now());
    await completeJob(db, job.id, now());
  } catch (error) {
    const reason = (error as Error).message;
    const again = await failJob(db, job, reason, {
      now: now(),
      retryable: error instanceof SendError ? error.retryable : true,
      baseDelayMs: Math.min(services.config.RAPPORT_OUTBOUND_BASE_DELAY_MS, 2000),
    });
    await settleDelivery(
      db,
      deliveryId,
      again ? 'queued' : 'failed',
      again ? `retrying: ${reason}` : reason,
      now(),
    );
  }
}

async function send(services: Services, userId: number, via: string, message: AlertMessage): Promise<string> {
  const db = services.db.kysely;
  if (via === 'push') {
    const subs = await listPushSubscriptions(db, userId);
    if (subs.length === 0) throw new SendError('no device has alerts enabled', false);
    const keys = vapidKeysFor(services.config);
    let sent = 0;
    let gone = 0;
    const errors: Error[] = [];
    for (const sub of subs) {
      try {
        if ((await sendPush(keys, sub, message, PUSH_TIMEOUT_MS)) === 'gone') {
          gone += 1;
          await deletePushSubscription(db, sub.endpoint, null);
        } else sent += 1;
      } catch (error) {
        errors.push(error as Error);
      }
    }
    if (sent > 0) return `${sent} device${sent === 1 ? '' : 's'}${gone ? `, ${gone} gone and removed` : ''}`;
    if (errors.length > 0) throw errors[0];
    throw new SendError(`every device's subscription was gone (${gone} removed)`, false);
  }
  if (via === 'email') {
    const user = await db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst();
    if (!user) throw new SendError('the person no longer exists', false);
    await sendAlertEmail(services, user.email, message);
    return user.email;
  }
  const { settings, webhookSecretEnc } = await getAlertSettings(db, userId);
  if (!settings.webhookUrl) throw new SendError('no webhook URL in the alert settings', false);
  const secret = webhookSecretEnc ? (services.secrets.open(webhookSecretEnc) as string) : null;
  await sendAlertWebhook(services, settings.webhookUrl, secret, message);
  return new URL(settings.webhookUrl).host;
}

/**
 * Processes one `alert.escalate` job: when the alert is still unacknowledged at that level, it goes
 * to the next person in the on-call chain (domain/on-call.ts: whoever is on call now, then each
 * rotation's next members, then every agent not alerted yet), and the next escalation is scheduled.
 */
export async function escalateAlert(services: Services, job: JobRow, payload: JobPayload<'alert.escalate'>) {
  const db = services.db.kysely;
  const now = services.clock.now();
  await db.transaction().execute(async (trx) => {
    const alert = await getAlert(trx, payload.alertId);
    if (!alert || alert.acked_at !== null || alert.level !== payload.level) return;
    const alerted = JSON.parse(alert.alerted_json) as number[];
    const chain = escalationChain(await listRotations(trx), await listOverrides(trx, now), now);
    const next = nextEscalation(chain, await activeResponders(trx), alerted);
    if (next.length === 0) return;
    const level = alert.level + 1;
    const moved = await trx
      .updateTable('alerts')
      .set({ level, alerted_json: JSON.stringify([...alerted, ...next]) })
      .where('id', '=', alert.id)
      .where('level', '=', alert.level)
      .where('acked_at', 'is', null)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) === 0) return;
    await alertPeople(trx, {
      alertId: alert.id,
      kind: alert.kind as AlertKind,
      level,
      userIds: next,
      at: now,
    });
    await enqueueJob(trx, {
      kind: 'alert.escalate',
      payload: { alertId: alert.id, level },
      now,
      runAt: now + services.config.RAPPORT_ALERT_ESCALATE_MINUTES * 60_000,
      maxAttempts: ALERT_DELIVERY_ATTEMPTS,
    });
  });
  await completeJob(db, job.id, now);
}
