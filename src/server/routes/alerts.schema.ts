/** Contracts of the alert routes: Web Push devices, each person's alert settings, acknowledging, the audit. */
import { z } from 'zod';
import { defineRoute } from '../../contract/api-contract.js';
import { alertKinds } from '../../domain/alerts.js';
import { epochMs, idParams } from './common.schema.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');

/** A person's alert settings. */
export const alertSettingsSchema = z
  .object({
    kinds: z.array(z.enum(alertKinds)).max(alertKinds.length).describe('the kinds of alert the person wants'),
    push: z.boolean().describe('Web Push to every device where alerts are enabled'),
    email: z.boolean().describe("email to the person's address (through the first email channel account)"),
    webhookUrl: z
      .string()
      .url()
      .max(2000)
      .refine((u) => /^https?:\/\//.test(u), 'an http(s) URL')
      .nullable()
      .describe('Slack-compatible incoming webhook (Slack, Mattermost, ntfy); null for none'),
    quietHours: z
      .object({ start: hhmm, end: hhmm, timeZone: z.string().trim().min(1).max(64) })
      .strict()
      .nullable()
      .describe('nothing reaches the person in this local window; escalation moves on to the next person'),
  })
  .strict()
  .meta({ id: 'AlertSettings' });

const settingsAnswer = z.object({
  settings: alertSettingsSchema,
  webhookSecret: z
    .string()
    .nullable()
    .describe('webhook deliveries carry x-rapport-signature: sha256=<HMAC-SHA256 of the body with this>'),
});

/** A browser's PushSubscription as `JSON.stringify(subscription)` gives it. */
export const pushSubscriptionBody = z
  .object({
    endpoint: z.string().url().max(2000),
    expirationTime: z.number().nullable().optional(),
    keys: z.object({ p256dh: z.string().min(20).max(200), auth: z.string().min(8).max(100) }),
  })
  .meta({ id: 'PushSubscriptionInput' });

const deviceSchema = z
  .object({
    id: z.number().int(),
    endpoint: z.string(),
    userAgent: z.string().nullable(),
    createdAt: epochMs,
  })
  .meta({ id: 'PushDevice' });

/** One alert with its deliveries: the audit. */
export const alertSchema = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    conversationId: z.number().int().nullable(),
    title: z.string(),
    body: z.string(),
    url: z.string().describe('path inside the app'),
    level: z.number().int().describe('escalation level reached (0: the first recipients)'),
    escalates: z.boolean(),
    alerted: z.array(z.number().int()).describe('user ids alerted so far, in order'),
    createdAt: epochMs,
    ackedAt: epochMs.nullable(),
    ackedBy: z.number().int().nullable().describe('null with ackedAt set: acknowledged from a notification'),
    deliveries: z.array(
      z.object({
        id: z.number().int(),
        userId: z.number().int(),
        via: z.enum(['push', 'email', 'webhook']),
        level: z.number().int(),
        status: z.enum(['queued', 'delivered', 'failed', 'skipped']),
        detail: z.string().nullable(),
        createdAt: epochMs,
        updatedAt: epochMs,
      }),
    ),
  })
  .meta({ id: 'Alert' });

const agent = { role: 'agent' } as const;
const viewer = { role: 'viewer' } as const;
const tag = 'Alerts';

/** The alert routes' contracts, by operation. */
export const alertRoutes = {
  vapidKey: defineRoute({
    operationId: 'getVapidPublicKey',
    method: 'GET',
    path: '/api/v1/push/vapid-public-key',
    auth: viewer,
    tag,
    summary: "The VAPID public key to pass as applicationServerKey to the browser's pushManager.subscribe",
    response: z.object({ publicKey: z.string() }),
  }),
  subscribe: defineRoute({
    operationId: 'createPushSubscription',
    method: 'POST',
    path: '/api/v1/push/subscriptions',
    auth: viewer,
    tag,
    summary: "Enable alerts on this device: store the browser's PushSubscription for the caller",
    body: pushSubscriptionBody,
    status: 201,
    response: z.object({ subscription: deviceSchema.omit({ userAgent: true }) }),
  }),
  unsubscribe: defineRoute({
    operationId: 'deletePushSubscription',
    method: 'DELETE',
    path: '/api/v1/push/subscriptions',
    auth: viewer,
    tag,
    summary: 'Disable alerts on a device of the caller (by its endpoint)',
    body: z.object({ endpoint: z.string().url().max(2000) }),
    status: 204,
  }),
  devices: defineRoute({
    operationId: 'listPushSubscriptions',
    method: 'GET',
    path: '/api/v1/push/subscriptions',
    auth: viewer,
    tag,
    summary: "The caller's devices with alerts enabled",
    response: z.object({ items: z.array(deviceSchema) }),
  }),
  getSettings: defineRoute({
    operationId: 'getAlertSettings',
    method: 'GET',
    path: '/api/v1/alerts/settings',
    auth: viewer,
    tag,
    summary: "The caller's alert settings (kinds, deliveries, quiet hours)",
    response: settingsAnswer,
  }),
  putSettings: defineRoute({
    operationId: 'putAlertSettings',
    method: 'PUT',
    path: '/api/v1/alerts/settings',
    auth: viewer,
    tag,
    summary: "Replace the caller's alert settings",
    body: alertSettingsSchema,
    response: settingsAnswer,
  }),
  list: defineRoute({
    operationId: 'listAlerts',
    method: 'GET',
    path: '/api/v1/alerts',
    auth: viewer,
    tag,
    summary:
      'The alert audit, newest first: who was alerted, how, when, delivered or failed, acknowledged by whom',
    query: z.object({
      limit: z.coerce.number().int().min(1).max(200).default(50),
      mine: z
        .enum(['true', 'false'])
        .default('false')
        .transform((v) => v === 'true')
        .describe('only alerts that went to the caller'),
    }),
    response: z.object({ items: z.array(alertSchema) }),
  }),
  ack: defineRoute({
    operationId: 'acknowledgeAlert',
    method: 'POST',
    path: '/api/v1/alerts/:id/ack',
    auth: agent,
    tag,
    summary: 'Acknowledge an alert: its escalation stops',
    params: idParams,
    response: z.object({ alert: alertSchema }),
  }),
  ackWithToken: defineRoute({
    operationId: 'acknowledgeAlertFromNotification',
    method: 'POST',
    path: '/api/v1/alerts/:id/ack-token',
    auth: { public: true },
    tag,
    summary: "Acknowledge an alert with the token its push carried (the notification's button)",
    description:
      'The service worker has no session header to send; the token, delivered encrypted to the device, stands for it.',
    params: idParams,
    body: z.object({ token: z.string().min(10).max(100) }),
    response: z.object({ ok: z.literal(true) }),
  }),
};
