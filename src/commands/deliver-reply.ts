import type { Kysely } from 'kysely';
import { decodeChannelAccount } from '../channels/account-codec.js';
import type { ChannelAccount, ChannelSenders } from '../channels/types.js';
import { resummarize } from '../ingest/resummarize.js';
import type { JobPayload } from '../jobs/kinds.js';
import { completeJob } from '../jobs/queue.js';
import { AccountPausedError, DeliveryUnknownError, SendError } from '../platform/errors.js';
import { getChannelAccountRow } from '../store/channel-accounts-repo.js';
import { getConversation, getMessage, setDelivery } from '../store/conversations-repo.js';
import { appendEvent, systemActor } from '../store/events-repo.js';
import type { Database, JobRow, MessageRow } from '../store/schema.js';
import { isUniqueViolation } from '../store/sql-errors.js';
import { settleOutboundFailure } from './outbound-failure.js';
import type { Services } from './services.js';

/**
 * Processes one outbound-send job: hands the reply to its channel's sender, records the channel's id
 * on success (for echo suppression), and on failure retries with backoff or marks the message failed,
 * with the reason, where the agent sees it.
 */
export async function deliverReply(
  services: Services,
  senders: ChannelSenders,
  job: JobRow,
  { messageId }: JobPayload<'outbound.send'>,
) {
  const db = services.db.kysely;
  const message = await getMessage(db, messageId);
  if (!message || message.delivery_status === 'sent') {
    await completeJob(db, job.id, services.clock.now());
    return;
  }
  const conv = await getConversation(db, message.conversation_id);
  await setDelivery(db, messageId, { status: 'sending' });
  const parent = message.in_reply_to
    ? await db
        .selectFrom('messages')
        .select([
          'external_id',
          'author_external_id',
          'author_handle',
          'author_name',
          'meta_json',
          'created_at',
        ])
        .where('channel', '=', message.channel)
        .where('external_id', '=', message.in_reply_to)
        .executeTakeFirst()
    : undefined;
  const earlier = await db
    .selectFrom('messages')
    .select('external_id')
    .where('conversation_id', '=', message.conversation_id)
    .where('id', '!=', messageId)
    .where('delivery_status', 'in', ['received', 'sent'])
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .limit(100)
    .execute();
  try {
    const account = await accountOf(services, conv?.channel_account_id ?? null);
    const { externalId, meta } = await senders.senderFor(message.channel, account).send({
      messageId,
      localId: message.external_id,
      conversationId: message.conversation_id,
      channel: message.channel,
      text: message.text,
      inReplyTo: message.in_reply_to,
      parent: parent
        ? {
            externalId: parent.external_id,
            meta: parent.meta_json ? (JSON.parse(parent.meta_json) as Record<string, unknown>) : null,
            authorExternalId: parent.author_external_id,
            createdAt: parent.created_at,
          }
        : null,
      references: earlier.map((m) => m.external_id),
      threadKey: conv?.thread_key ?? null,
      recipient: parent
        ? {
            externalId: parent.author_external_id,
            handle: parent.author_handle,
            name: parent.author_name,
          }
        : null,
      senderName: message.author_name,
      createdAt: message.created_at,
    });
    if (meta) {
      await db
        .updateTable('messages')
        .set({ meta_json: JSON.stringify(meta) })
        .where('id', '=', messageId)
        .execute();
    }
    try {
      await db.transaction().execute(async (trx) => {
        await setDelivery(trx, messageId, { status: 'sent', externalId });
        await recordSent(services, trx, message, externalId);
        // accepted by the channel: only now does the reply answer the customer
        await resummarize(services, trx, [message.conversation_id], services.clock.now());
      });
    } catch (error) {
      // The channel's echo of this reply was ingested first (a poll raced the send): fold the echo
      // into our message so the reply shows once, with the agent's name and the channel's id.
      if (!isUniqueViolation(error)) throw error;
      await adoptEcho(services, message, externalId);
    }
    await completeJob(db, job.id, services.clock.now());
  } catch (error) {
    // a paused account's replies wait in the queue until it is resumed, however long that is
    const { fate, reason } = await settleOutboundFailure(services, job, error);
    const again = fate === 'retrying';
    const unknown = again && error instanceof DeliveryUnknownError;
    await db.transaction().execute(async (trx) => {
      await setDelivery(
        trx,
        messageId,
        fate === 'waiting'
          ? { status: 'queued', error: `waiting: ${reason}` }
          : {
              status: again ? 'queued' : 'failed',
              error: unknown
                ? reason
                : again
                  ? `attempt ${job.attempts} failed, retrying: ${reason}`
                  : reason,
            },
      );
      // a reply that will not go out answers nobody: the customer waits again, due as before
      if (fate === 'failed')
        await resummarize(services, trx, [message.conversation_id], services.clock.now());
      await appendEvent(trx, {
        at: services.clock.now(),
        actor: systemActor,
        type: 'reply.failed',
        conversationId: message.conversation_id,
        data: { messageId, fate, reason: String(reason), attempt: job.attempts },
      });
    });
    if (fate !== 'waiting') {
      services.logger.warn(
        { messageId, attempt: job.attempts, retrying: again, reason },
        'outbound send failed',
      );
    }
  }
  services.events.wake();
}

/** Records in the event log that the channel accepted a reply (inside the delivery's transaction). */
async function recordSent(
  services: Services,
  trx: Kysely<Database>,
  message: MessageRow,
  externalId: string,
) {
  await appendEvent(trx, {
    at: services.clock.now(),
    actor: systemActor,
    type: 'reply.sent',
    conversationId: message.conversation_id,
    data: { messageId: message.id, externalId },
  });
}

/**
 * The account a conversation replies through. A removed account fails the send for good; a paused
 * one is retried later (replies wait in the queue until it is resumed).
 */
export async function accountOf(
  services: Services,
  accountId: number | null,
): Promise<ChannelAccount | null> {
  if (accountId === null) return null;
  const row = await getChannelAccountRow(services.db.kysely, accountId);
  if (!row)
    throw new SendError(
      `the channel account this conversation came in on (#${accountId}) was removed`,
      false,
    );
  if (row.status === 'paused') throw new AccountPausedError(`channel account '${row.name}' is paused`);
  return decodeChannelAccount(services, row);
}

/**
 * Replaces the echo of our own reply (stored by a poll before the send returned) with the reply
 * itself: the echo row goes, ours takes the channel's id. An echo in another conversation is left
 * alone (our message stays sent under its local id).
 */
async function adoptEcho(services: Services, message: MessageRow, externalId: string) {
  const now = services.clock.now();
  await services.db.kysely.transaction().execute(async (trx) => {
    const echo = await trx
      .selectFrom('messages')
      .select(['id', 'conversation_id', 'direction', 'sender_user_id'])
      .where('channel', '=', message.channel)
      .where('external_id', '=', externalId)
      .executeTakeFirst();
    const sameReply =
      echo &&
      echo.id !== message.id &&
      echo.direction === 'outbound' &&
      echo.sender_user_id === null &&
      echo.conversation_id === message.conversation_id;
    await recordSent(services, trx, message, externalId);
    if (!sameReply) {
      await setDelivery(trx, message.id, { status: 'sent' });
      await resummarize(services, trx, [message.conversation_id], now);
      return;
    }
    await trx.deleteFrom('attachments').where('message_id', '=', echo.id).execute();
    await trx.deleteFrom('messages').where('id', '=', echo.id).execute();
    await setDelivery(trx, message.id, { status: 'sent', externalId });
    await resummarize(services, trx, [message.conversation_id], now);
  });
}
