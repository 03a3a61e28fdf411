import { channelDefinition } from '../channels/registry.js';
import { graphemeLength } from '../domain/text-length.js';
import type { ShuntReason } from '../guidelines/types.js';
import { resummarize } from '../ingest/resummarize.js';
import { enqueueJob } from '../jobs/queue.js';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors.js';
import { presentMessage } from '../store/conversation-views.js';
import { getConversation, getMessage, requeueFailed } from '../store/conversations-repo.js';
import { appendEvent } from '../store/events-repo.js';
import { type CommandActor, eventActor } from './actor.js';
import { displayNameFor, voiceOf } from './agent-voice.js';
import { queueReply, sendGroupOf } from './queue-reply.js';
import { holdReasons, holdReply, presentApprovalById } from './reply-approvals.js';
import { checkBeforeSend } from './reply-checks.js';
import { recordTemplateUse, type TemplateUse } from './saved-reply-use.js';
import type { Services } from './services.js';

/** What a reply may carry besides its text: the saved reply the agent inserted, if any. */
export interface ReplyOptions {
  template?: TemplateUse;
  /** Why a private channel is legitimate here: lets a blocked offline_shunt through, and is recorded. */
  shuntReason?: ShuntReason;
}

/**
 * Answers a conversation: stores the reply and its send job in one transaction (so it is never lost
 * and never sent twice), updates response times, and leaves delivery to the outbound worker. A reply
 * from a person in training, or on a conversation that requires approval, is held for a reviewer
 * instead (reply-approvals.ts); a saved reply sent as a form letter is refused (saved-reply-use.ts).
 */
export async function submitReply(
  services: Services,
  actor: CommandActor,
  id: number,
  text: string,
  options: ReplyOptions = {},
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
  const voice = actor.userId !== null ? await voiceOf(services.db.kysely, actor.userId) : null;
  const reasons = holdReasons(voice, conv);
  // the check before sending, again on send: a blocking finding refuses the reply (422)
  const checked = await checkBeforeSend(services, id, body, { shuntReason: options.shuntReason });
  const now = services.clock.now();
  const outcome = await services.db.kysely.transaction().execute(async (trx) => {
    if (reasons.length) {
      const approval = await holdReply(trx, services, { conv, actor, voice, text: body, reasons, options });
      return { held: true, id: approval } as const;
    }
    const messageId = await queueReply(trx, services, {
      conv,
      text: body,
      authorName: voice ? displayNameFor(voice, conv.channel) : actor.name,
      senderUserId: actor.userId,
      actor: eventActor(actor),
      now,
      checked: { shuntReason: checked.shuntReason, findings: checked.findings.map((f) => f.code) },
    });
    if (options.template) {
      await recordTemplateUse(trx, services, {
        conv,
        actor,
        voice,
        template: options.template,
        text: body,
        messageId,
        approvalId: null,
      });
    }
    return { held: false, id: messageId } as const;
  });
  services.events.wake();
  if (outcome.held) return { approval: await presentApprovalById(services, outcome.id) };
  const stored = await getMessage(services.db.kysely, outcome.id);
  return { message: presentMessage(stored!, actor.name) };
}

/** Replies and returns the queued message (for callers whose replies are never held: a held one is a ConflictError). */
export async function replyToConversation(
  services: Services,
  actor: CommandActor,
  id: number,
  text: string,
  options: ReplyOptions = {},
) {
  const answer = await submitReply(services, actor, id, text, options);
  if (!answer.message) throw new ConflictError(`the reply was held for approval (#${answer.approval.id})`);
  return answer.message;
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

export { sendGroupOf };
