import { createHmac } from 'node:crypto';
import type { Config } from '../../platform/config.js';
import { DeliveryUnknownError, SendError } from '../../platform/errors.js';
import type { ChannelSender, OutboundMessage } from '../types.js';

/** Header carrying the HMAC-SHA256 of the body, so receivers can verify a delivery came from us. */
export const SIGNATURE_HEADER = 'x-rapport-signature';

/** Signs a webhook body the way receivers verify it: `sha256=<hex hmac>`. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * Delivers replies for the generic channel (and for imported channels without a connector of their
 * own) by POSTing them as JSON to the configured webhook URL. 2xx = delivered (the receiver may
 * answer {"external_id": "..."}); 408, 429, 5xx and network errors are retried; other 4xx are not.
 */
export function createWebhookSender(config: Config, fetchImpl: typeof fetch = fetch): ChannelSender {
  return {
    async send(message: OutboundMessage) {
      const url = config.RAPPORT_GENERIC_WEBHOOK_URL;
      if (!url) {
        throw new SendError(
          `no outbound webhook configured for channel '${message.channel}' (set RAPPORT_GENERIC_WEBHOOK_URL)`,
          false,
        );
      }
      const body = JSON.stringify({
        type: 'reply',
        message: {
          id: message.localId,
          conversation_id: message.conversationId,
          channel: message.channel,
          text: message.text,
          in_reply_to: message.inReplyTo,
          thread_id: message.threadKey,
          recipient: message.recipient,
          sender_name: message.senderName,
          created_at: new Date(message.createdAt).toISOString(),
        },
      });
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'x-rapport-delivery': message.localId,
      };
      if (config.RAPPORT_GENERIC_WEBHOOK_SECRET) {
        headers[SIGNATURE_HEADER] = signBody(config.RAPPORT_GENERIC_WEBHOOK_SECRET, body);
      }
      let response: Response;
      try {
        response = await fetchImpl(url, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(config.RAPPORT_WEBHOOK_TIMEOUT_MS),
        });
      } catch (error) {
        if (sentButUnanswered(error)) {
          throw new DeliveryUnknownError(
            `the webhook did not confirm delivery ${message.localId} (${describe(error)}); sending it again with the same x-rapport-delivery id`,
          );
        }
        throw new SendError(`webhook unreachable: ${describe(error)}`, true);
      }
      if (!response.ok) {
        const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
        const detail = (await response.text().catch(() => '')).slice(0, 200);
        throw new SendError(`webhook answered ${response.status}${detail ? `: ${detail}` : ''}`, retryable);
      }
      const answer = (await response.json().catch(() => null)) as { external_id?: unknown } | null;
      const externalId =
        answer && (typeof answer.external_id === 'string' || typeof answer.external_id === 'number')
          ? String(answer.external_id)
          : message.localId;
      return { externalId };
    },
  };
}

/** Connection failures that mean the request never reached the receiver (safe to call a plain retry). */
const NOT_DELIVERED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/**
 * Whether a failed request may have reached the receiver: it timed out waiting for the answer, or the
 * connection broke for any reason other than never being made.
 */
function sentButUnanswered(error: unknown): boolean {
  if ((error as Error).name === 'TimeoutError') return true;
  const code = ((error as { cause?: { code?: string } }).cause?.code ?? '') as string;
  return code !== '' && !NOT_DELIVERED.has(code);
}

function describe(error: unknown): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return 'no answer in time';
  return e.cause?.code ?? e.cause?.message ?? e.message;
}
