import type { ChannelSenders } from '../channels/types.js';
import type { JobPayload } from '../jobs/kinds.js';
import { completeJob } from '../jobs/queue.js';
import { SendError } from '../platform/errors.js';
import { getConversation, getMessage } from '../store/conversations-repo.js';
import { appendEvent, systemActor } from '../store/events-repo.js';
import type { JobRow } from '../store/schema.js';
import { accountOf } from './deliver-reply.js';
import { metaOf, withEngagement } from './engage.js';
import { settleOutboundFailure } from './outbound-failure.js';
import type { Services } from './services.js';

/**
 * Processes one like/repost job through the conversation's account; the outcome (done with the
 * channel's id, or failed with the reason) is written to the message's metadata where agents see it.
 */
export async function deliverEngagement(
  services: Services,
  senders: ChannelSenders,
  job: JobRow,
  { messageId, action }: JobPayload<'outbound.engage'>,
) {
  const db = services.db.kysely;
  const message = await getMessage(db, messageId);
  if (!message) {
    await completeJob(db, job.id, services.clock.now());
    return;
  }
  const conv = await getConversation(db, message.conversation_id);
  const save = (state: Parameters<typeof withEngagement>[2]) =>
    db.transaction().execute(async (trx) => {
      const fresh = await getMessage(trx, messageId);
      await trx
        .updateTable('messages')
        .set({ meta_json: withEngagement(fresh?.meta_json ?? null, action, state) })
        .where('id', '=', messageId)
        .execute();
      await appendEvent(trx, {
        at: services.clock.now(),
        actor: systemActor,
        type: 'engagement.settled',
        conversationId: message.conversation_id,
        data: { messageId, action, status: state.status },
      });
    });
  try {
    const account = await accountOf(services, conv?.channel_account_id ?? null);
    const sender = senders.senderFor(message.channel, account);
    if (!sender.engage) throw new SendError(`${message.channel} cannot ${action}`, false);
    const { externalId } = await sender.engage(action, {
      externalId: message.external_id,
      meta: metaOf(message.meta_json),
    });
    await save({ status: 'done', externalId, at: services.clock.now() });
    await completeJob(db, job.id, services.clock.now());
  } catch (error) {
    const { fate, reason } = await settleOutboundFailure(services, job, error);
    await save({
      status: fate === 'failed' ? 'failed' : 'queued',
      error: fate === 'waiting' ? `waiting: ${reason}` : reason,
      at: services.clock.now(),
    });
  }
  services.events.wake();
}
