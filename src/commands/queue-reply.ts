import type { Kysely } from 'kysely';
import { resummarize } from '../ingest/resummarize.js';
import { enqueueJob } from '../jobs/queue.js';
import { localMessageId } from '../platform/ids.js';
import { latestInbound } from '../store/conversations-repo.js';
import { appendEvent, type EventActor } from '../store/events-repo.js';
import { insertMessages } from '../store/ingest-repo.js';
import type { ConversationRow, Database } from '../store/schema.js';
import type { Services } from './services.js';

/**
 * Stores an outbound reply and its send job inside the caller's transaction (a direct reply, or a
 * held one a reviewer approved), updates response times and appends `message.replied`.
 */
export async function queueReply(
  trx: Kysely<Database>,
  services: Services,
  r: {
    conv: ConversationRow;
    text: string;
    authorName: string;
    senderUserId: number | null;
    actor: EventActor;
    now: number;
    /** What the check before sending found (warnings it went out with) and the shunt reason given. */
    checked?: { shuntReason?: 'account_details' | 'legal' | 'privacy'; findings: string[] };
  },
): Promise<number> {
  const { conv, now } = r;
  const answered = await latestInbound(trx, conv.id);
  const ids = await insertMessages(trx, [
    {
      conversation_id: conv.id,
      channel: conv.channel,
      external_id: localMessageId(),
      direction: 'outbound',
      author_external_id: null,
      author_handle: null,
      // the name the channel shows as the sender where it can ("Sam via Acme" in email)
      author_name: r.authorName,
      contact_id: null,
      sender_user_id: r.senderUserId,
      text: r.text,
      created_at: now,
      received_at: now,
      in_reply_to: answered?.external_id ?? null,
      thread_id: conv.thread_key,
      url: null,
      author_followers: null,
      raw_json: null,
      sentiment: null,
      sentiment_score: null,
      intent: null,
      priority: null,
      triage_json: null,
      delivery_status: 'queued',
      delivery_error: null,
    },
  ]);
  const messageId = [...ids.values()][0]!;
  await enqueueJob(trx, {
    kind: 'outbound.send',
    payload: { messageId },
    now,
    maxAttempts: services.config.RAPPORT_OUTBOUND_MAX_ATTEMPTS,
    group: sendGroupOf(conv),
  });
  await resummarize(services, trx, [conv.id], now);
  await appendEvent(trx, {
    at: now,
    actor: r.actor,
    type: 'message.replied',
    conversationId: conv.id,
    data: { messageId, ...(r.checked ?? {}) },
  });
  return messageId;
}

/**
 * The group a conversation's sends go through (its channel account, or its channel when it has
 * none): the job worker bounds the sends in flight per group, so one slow receiver holds only its own.
 */
export function sendGroupOf(conv: { channel_account_id: number | null; channel: string }): string {
  return conv.channel_account_id !== null ? `account:${conv.channel_account_id}` : `channel:${conv.channel}`;
}
