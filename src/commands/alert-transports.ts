import type { Transporter } from 'nodemailer';
import webpush from 'web-push';
import { decodeChannelAccount } from '../channels/account-codec.js';
import { createSmtpTransport, describeSmtpError } from '../channels/email/sender.js';
import { emailConfigOf } from '../channels/email/settings.js';
import { signBody } from '../channels/generic/webhook-sender.js';
import { SendError } from '../platform/errors.js';
import type { VapidKeys } from '../platform/vapid-keys.js';
import type { Services } from './services.js';

/** What an alert says on every means of delivery. */
export interface AlertMessage {
  alertId: number;
  title: string;
  body: string;
  /** Path inside the app (`/c/42`). */
  url: string;
  ackToken: string;
  kind: string;
}

/** The JSON a push carries: what web/public/sw.js shows, opens and acknowledges with. */
export function pushPayload(message: AlertMessage): string {
  return JSON.stringify({
    title: message.title,
    body: message.body,
    url: message.url,
    alertId: message.alertId,
    ackToken: message.ackToken,
    kind: message.kind,
  });
}

/** A browser's subscription as stored. */
export interface StoredSubscription {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** What one push request came to: sent, or the subscription is gone (404/410: forget it). */
export type PushOutcome = 'sent' | 'gone';

/**
 * Sends one Web Push message (RFC 8030) with a VAPID signature (RFC 8292) and the payload
 * encrypted for the browser (RFC 8291, aes128gcm), all built by the `web-push` library; the request
 * itself goes through fetch with a timeout. The payload is what web/public/sw.js shows.
 */
export async function sendPush(
  keys: VapidKeys,
  sub: StoredSubscription,
  message: AlertMessage,
  timeoutMs: number,
): Promise<PushOutcome> {
  const payload = pushPayload(message);
  const details = webpush.generateRequestDetails(
    { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
    payload,
    {
      vapidDetails: { subject: keys.subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
      TTL: 3600,
      urgency: 'high',
      topic: `alert${message.alertId}`,
      contentEncoding: 'aes128gcm',
    },
  );
  let response: Response;
  try {
    response = await fetch(details.endpoint, {
      method: 'POST',
      headers: details.headers as Record<string, string>,
      body: new Uint8Array(details.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new SendError(`push service unreachable: ${(error as Error).message}`, true);
  }
  await response.arrayBuffer().catch(() => undefined);
  if (response.status === 404 || response.status === 410) return 'gone';
  if (response.ok) return 'sent';
  const retryable = response.status === 429 || response.status >= 500 || response.status === 408;
  throw new SendError(`push service answered ${response.status}`, retryable);
}

/** An absolute link to a page of the app when RAPPORT_PUBLIC_URL is set, else the path. */
export function appLink(services: Services, path: string): string {
  const base = services.config.RAPPORT_PUBLIC_URL;
  return base ? new URL(path, base).href : path;
}

/**
 * Posts an alert to a Slack-compatible incoming webhook (`{"text": …}` plus blocks, which Slack,
 * Mattermost and ntfy take), signed like the generic channel's webhooks: `x-rapport-signature:
 * sha256=<hmac of the body>` with the person's webhook secret.
 */
export async function sendAlertWebhook(
  services: Services,
  url: string,
  secret: string | null,
  message: AlertMessage,
): Promise<void> {
  const link = appLink(services, message.url);
  const text = `${message.title}\n${message.body}\n${link}`;
  const body = JSON.stringify({
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${message.title}*\n${message.body}` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: link }] },
    ],
  });
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-rapport-delivery': `alert-${message.alertId}`,
  };
  if (secret) headers['x-rapport-signature'] = signBody(secret, body);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(services.config.RAPPORT_WEBHOOK_TIMEOUT_MS),
    });
  } catch (error) {
    throw new SendError(`webhook unreachable: ${(error as Error).message}`, true);
  }
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) {
    const retryable = response.status === 429 || response.status >= 500 || response.status === 408;
    throw new SendError(`webhook answered ${response.status}`, retryable);
  }
}

/**
 * Mails an alert through the SMTP server of the install's first active email channel account (the
 * same nodemailer transport replies use), from that account's address.
 */
export async function sendAlertEmail(services: Services, to: string, message: AlertMessage): Promise<void> {
  const row = await services.db.kysely
    .selectFrom('channel_accounts')
    .selectAll()
    .where('channel', '=', 'email')
    .where('status', '=', 'active')
    .orderBy('id')
    .executeTakeFirst();
  if (!row) throw new SendError('no active email channel account to send alert emails through', false);
  const { settings, secrets } = emailConfigOf(decodeChannelAccount(services, row));
  const transport: Transporter = createSmtpTransport(settings, secrets, false);
  try {
    await transport.sendMail({
      from: {
        name: settings.fromName ? `${settings.fromName} alerts` : 'Rapport alerts',
        address: settings.address,
      },
      to,
      subject: message.title,
      text: `${message.body}\n\n${appLink(services, message.url)}\n`,
    });
  } catch (error) {
    const e = error as { responseCode?: number };
    throw new SendError(describeSmtpError(error, settings), !(e.responseCode && e.responseCode >= 500));
  } finally {
    transport.close();
  }
}
