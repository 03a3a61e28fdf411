import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  type AlertFacts,
  type AlertKind,
  alertText,
  deliveriesFor,
  escalatingKinds,
  firstRecipients,
} from '../domain/alerts.js';
import { onCallAt } from '../domain/on-call.js';
import { enqueueJob } from '../jobs/queue.js';
import { getAlertSettings, insertAlert, insertDelivery } from '../store/alerts-repo.js';
import { latestInbound } from '../store/conversations-repo.js';
import { appendEvent, systemActor } from '../store/events-repo.js';
import { activeResponders, listOverrides, listRotations } from '../store/on-call-repo.js';
import type { Database } from '../store/schema.js';
import type { Services } from './services.js';

/** Attempts per delivery (push services and webhooks fail now and then; backoff in between). */
export const ALERT_DELIVERY_ATTEMPTS = 6;

/** What raises an alert: its kind, a key that makes it happen once, and what it is about. */
export interface AlertRequest {
  kind: AlertKind;
  /** Unique per alert: the same key again is ignored (listeners run at least once). */
  dedupeKey: string;
  conversationId: number | null;
  /** People the event itself names (mentioned, assigned, routed to). */
  named?: number[];
  /** Overrides the words built from the conversation (a spike has no conversation). */
  facts?: Partial<AlertFacts>;
  at: number;
}

/** The customer, channel and latest inbound line of a conversation, for an alert's words. */
async function conversationFacts(trx: Kysely<Database>, conversationId: number) {
  const conv = await trx
    .selectFrom('conversations as c')
    .leftJoin('contacts as k', 'k.id', 'c.contact_id')
    .select([
      'c.channel',
      'c.assignee_id',
      'c.last_message_preview',
      'k.name as contactName',
      'k.preferred_name',
    ])
    .where('c.id', '=', conversationId)
    .executeTakeFirst();
  if (!conv) return null;
  const last = await latestInbound(trx, conversationId);
  let assigneeId = conv.assignee_id;
  if (assigneeId !== null) {
    const user = await trx
      .selectFrom('users')
      .select('disabled')
      .where('id', '=', assigneeId)
      .executeTakeFirst();
    if (!user || user.disabled) assigneeId = null;
  }
  return {
    channel: conv.channel,
    assigneeId,
    customer: conv.preferred_name ?? conv.contactName ?? last?.author_name ?? last?.author_handle ?? null,
    firstLine: last?.text ?? conv.last_message_preview,
  };
}

/**
 * Raises one alert inside the caller's transaction: works out who hears of it first (the assignee,
 * else whoever is on call, else every agent; see domain/alerts.ts), writes the alert, a delivery row
 * per person and means (skipped ones with why) and a durable job per delivery, schedules its
 * escalation, and appends `alert.raised` (which wakes the job worker). Returns the alert's id, or
 * null when the same alert was raised before or there was nothing to say.
 */
export async function raiseAlert(services: Services, trx: Kysely<Database>, req: AlertRequest) {
  const facts = req.conversationId === null ? null : await conversationFacts(trx, req.conversationId);
  if (req.conversationId !== null && !facts) return null;
  const text = alertText({
    kind: req.kind,
    conversationId: req.conversationId,
    customer: facts?.customer ?? null,
    channel: facts?.channel ?? '',
    firstLine: facts?.firstLine ?? '',
    ...req.facts,
  });
  const everyone = await activeResponders(trx);
  const onCall = onCallAt(await listRotations(trx), await listOverrides(trx, req.at), req.at).map(
    (e) => e.userId,
  );
  const recipients = firstRecipients({
    kind: req.kind,
    assigneeId: facts?.assigneeId ?? null,
    named: req.named ?? [],
    onCall,
    everyone,
  });
  if (recipients.length === 0) return null;
  const escalates = escalatingKinds.includes(req.kind);
  const alertId = await insertAlert(trx, {
    kind: req.kind,
    dedupeKey: req.dedupeKey,
    conversationId: req.conversationId,
    ...text,
    ackToken: randomBytes(18).toString('base64url'),
    escalates,
    alerted: recipients,
    now: req.at,
  });
  if (alertId === null) return null;
  await alertPeople(trx, { alertId, kind: req.kind, level: 0, userIds: recipients, at: req.at });
  if (escalates) {
    await enqueueJob(trx, {
      kind: 'alert.escalate',
      payload: { alertId, level: 0 },
      now: req.at,
      runAt: req.at + services.config.RAPPORT_ALERT_ESCALATE_MINUTES * 60_000,
      maxAttempts: ALERT_DELIVERY_ATTEMPTS,
    });
  }
  return alertId;
}

/**
 * Queues an alert's deliveries to `userIds` at one escalation level, by each person's settings:
 * one delivery row and job per means, or one skipped row when the kind is off for them or it is
 * their quiet hours; then appends `alert.raised` for the level.
 */
export async function alertPeople(
  trx: Kysely<Database>,
  a: { alertId: number; kind: AlertKind; level: number; userIds: number[]; at: number },
) {
  for (const userId of a.userIds) {
    const { settings } = await getAlertSettings(trx, userId);
    const vias = deliveriesFor(settings, a.kind, a.at);
    const base = { alertId: a.alertId, userId, level: a.level, now: a.at };
    if (vias === 'quiet' || vias.length === 0) {
      const detail = vias === 'quiet' ? 'quiet hours' : 'turned off in their alert settings';
      await insertDelivery(trx, { ...base, via: 'push', status: 'skipped', detail });
      continue;
    }
    for (const via of vias) {
      const deliveryId = await insertDelivery(trx, { ...base, via, status: 'queued', detail: null });
      await enqueueJob(trx, {
        kind: 'alert.deliver',
        payload: { deliveryId },
        now: a.at,
        maxAttempts: ALERT_DELIVERY_ATTEMPTS,
        group: `alert:${via}`,
      });
    }
  }
  await appendEvent(trx, {
    at: a.at,
    actor: systemActor,
    type: 'alert.raised',
    data: { alertId: a.alertId, kind: a.kind, level: a.level, userIds: a.userIds },
  });
}
