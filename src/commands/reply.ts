import { channelDefinition } from '../channels/registry.js';
import { graphemeLength } from '../domain/text-length.js';
import type { ShuntReason } from '../guidelines/types.js';
import { resummarize } from '../ingest/resummarize.js';
import { enqueueJob } from '../jobs/queue.js';
import { NotFoundError, ValidationError } from '../platform/errors.js';
import { localMessageId } from '../platform/ids.js';
import { presentMessage } from '../store/conversation-views.js';
import { getConversation, getMessage, latestInbound, requeueFailed } from '../store/conversations-repo.js';
import { appendEvent } from '../store/events-repo.js';
import { insertMessages } from '../store/ingest-repo.js';
import { type CommandActor, eventActor } from './actor.js';
import { checkBeforeSend } from './reply-checks.js';
import type { Services } from './services.js';

/**
 * Answers a conversation: stores the reply and its send job in one transaction (so it is never lost
 * and never sent twice), updates response times, and leaves delivery to the outbound worker.
 */
export async function replyToConversation(
  services: Services,
  actor: CommandActor,
  id: number,
  text: string,
  opts: { shuntReason?: ShuntReason } = {},
) {
  const body = text.trim();
  if (!body) throw new ValidationError('a reply needs text');
  const conv = await getConversation(services.db.kysely, id);
  if (!conv) throw new NotFoundError(`conversation ${id}`);
  const limit = channelDefinition(conv.channel).capabilities.maxLength;
  const length = limit === null ? 0 : graphemeLength(body);
  if (limit !== null && length > limit) {
    throw new ValidationError(`reply is ${length} characters; ${conv.channel} allows ${limit}`);
  }
  // the check before sending, again on send: a blocking finding refuses the reply (422)
  const checked = await checkBeforeSend(services, id, body, opts);
  const now = services.clock.now();
  const messageId = await services.db.kysely.transaction().execute(async (trx) => {
    const answered = await latestInbound(trx, id);
    const ids = await insertMessages(trx, [
      {
        conversation_id: id,
        channel: conv.channel,
        external_id: localMessageId(),
        direction: 'outbound',
        author_external_id: null,
        author_handle: null,
        author_name: actor.name,
        contact_id: null,
        sender_user_id: actor.userId,
        text: body,
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
    await resummarize(services, trx, [id], now);
    await appendEvent(trx, {
      at: now,
      actor: eventActor(actor),
      type: 'message.replied',
      conversationId: id,
      data: { messageId, shuntReason: checked.shuntReason, findings: checked.findings.map((f) => f.code) },
    });
    return messageId;
  });
  services.events.wake();
  const stored = await getMessage(services.db.kysely, messageId);
  return presentMessage(stored!, actor.name);
}

/** Queues a failed reply again (the agent pressed Retry). */
export async function retryReply(services: Services, actor: CommandActor, messageId: number) {
  const message = await getMessage(services.db.kysely, messageId);
  if (message?.direction !== 'outbound') throw new NotFoundError(`outbound message ${messageId}`);
  const now = services.clock.now();
  const conv = await getConversation(services.db.kysely, message.conversation_id);
  await services.db.kysely.transaction().execute(async (trx) => {
    // the one check that it failed, made as the change: of two concurrent retries only one sends
    if (!(await requeueFailed(trx, messageId)))
      throw new ValidationError(`message ${messageId} has not failed`);
    await resummarize(services, trx, [message.conversation_id], now);
    await enqueueJob(trx, {
      kind: 'outbound.send',
      payload: { messageId },
      now,
      maxAttempts: services.config.RAPPORT_OUTBOUND_MAX_ATTEMPTS,
      group: conv ? sendGroupOf(conv) : null,
    });
    await appendEvent(trx, {
      at: now,
      actor: eventActor(actor),
      type: 'message.retry',
      conversationId: message.conversation_id,
      data: { messageId },
    });
  });
  services.events.wake();
  return presentMessage({ ...message, delivery_status: 'queued', delivery_error: null });
}

/**
 * The group a conversation's sends go through (its channel account, or its channel when it has
 * none): the job worker bounds the sends in flight per group, so one slow receiver holds only its own.
 */
export function sendGroupOf(conv: { channel_account_id: number | null; channel: string }): string {
  return conv.channel_account_id !== null ? `account:${conv.channel_account_id}` : `channel:${conv.channel}`;
}
