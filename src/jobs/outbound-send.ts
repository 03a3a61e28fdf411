import type { ChannelSender } from '../channels/types.js';
import type { Services } from '../commands/services.js';
import { SendError } from '../platform/errors.js';
import { getConversation, getMessage, setDelivery } from '../store/conversations-repo.js';
import type { JobRow } from '../store/schema.js';
import { isUniqueViolation } from '../store/sql-errors.js';
import { completeJob, failJob } from './queue.js';

/**
 * Processes one outbound-send job: hands the reply to its channel's sender, records the channel's id
 * on success (for echo suppression), and on failure retries with backoff or marks the message failed,
 * with the reason, where the agent sees it.
 */
export async function processOutboundSend(
  services: Services,
  senderFor: (type: string) => ChannelSender,
  job: JobRow,
) {
  const db = services.db.kysely;
  const { messageId } = JSON.parse(job.payload_json) as { messageId: number };
  const message = await getMessage(db, messageId);
  if (!message || message.delivery_status === 'sent') {
    await completeJob(db, job.id, services.clock.now());
    return;
  }
  const conv = await getConversation(db, message.conversation_id);
  await setDelivery(db, messageId, { status: 'sending' });
  const recipient = message.in_reply_to
    ? await db
        .selectFrom('messages')
        .select(['author_external_id', 'author_handle', 'author_name'])
        .where('channel', '=', message.channel)
        .where('external_id', '=', message.in_reply_to)
        .executeTakeFirst()
    : undefined;
  try {
    const { externalId } = await senderFor(message.channel).send({
      messageId,
      localId: message.external_id,
      conversationId: message.conversation_id,
      channel: message.channel,
      text: message.text,
      inReplyTo: message.in_reply_to,
      threadKey: conv?.thread_key ?? null,
      recipient: recipient
        ? {
            externalId: recipient.author_external_id,
            handle: recipient.author_handle,
            name: recipient.author_name,
          }
        : null,
      senderName: message.author_name,
      createdAt: message.created_at,
    });
    try {
      await setDelivery(db, messageId, { status: 'sent', externalId });
    } catch (error) {
      // the channel's echo of this reply was ingested first: keep our id, the reply is delivered
      if (!isUniqueViolation(error)) throw error;
      await setDelivery(db, messageId, { status: 'sent' });
    }
    await completeJob(db, job.id, services.clock.now());
  } catch (error) {
    const retryable = error instanceof SendError ? error.retryable : true;
    const reason = (error as Error).message;
    const again = await failJob(db, job, reason, {
      now: services.clock.now(),
      retryable,
      baseDelayMs: services.config.RAPPORT_OUTBOUND_BASE_DELAY_MS,
    });
    await setDelivery(db, messageId, {
      status: again ? 'queued' : 'failed',
      error: again ? `attempt ${job.attempts} failed, retrying: ${reason}` : reason,
    });
    services.logger.warn(
      { messageId, attempt: job.attempts, retrying: again, reason },
      'outbound send failed',
    );
  }
  services.live.publish({
    type: 'conversation.updated',
    conversationId: message.conversation_id,
    reason: 'delivery',
  });
}
