import { channelDefinition } from '../channels/registry.js';
import type { EngagementAction } from '../channels/types.js';
import { enqueueJob } from '../jobs/queue.js';
import { NotFoundError, ValidationError } from '../platform/errors.js';
import { getConversation, getMessage } from '../store/conversations-repo.js';
import { appendEvent } from '../store/events-repo.js';
import { type CommandActor, eventActor } from './actor.js';
import { sendGroupOf } from './reply.js';
import type { Services } from './services.js';

/** Where an engagement stands, kept in the message's metadata (`engagements.like` …). */
export interface EngagementState {
  status: 'queued' | 'done' | 'failed';
  externalId?: string | null;
  error?: string | null;
  at: number;
}

/** Reads a message's metadata JSON (an empty object when it has none). */
export function metaOf(metaJson: string | null): Record<string, unknown> {
  return metaJson ? (JSON.parse(metaJson) as Record<string, unknown>) : {};
}

/** The metadata JSON with one engagement's state replaced. */
export function withEngagement(
  metaJson: string | null,
  action: EngagementAction,
  state: EngagementState,
): string {
  const meta = metaOf(metaJson);
  const engagements = {
    ...((meta.engagements as Record<string, unknown> | undefined) ?? {}),
    [action]: state,
  };
  return JSON.stringify({ ...meta, engagements });
}

/**
 * Likes or reposts a customer's post as the brand: checks the channel can, records the intent and
 * queues the job in one transaction; the outbound worker does the rest (retries, rate limits).
 * Asking again for something already done or queued changes nothing.
 */
export async function engageWithMessage(
  services: Services,
  actor: CommandActor,
  messageId: number,
  action: EngagementAction,
): Promise<EngagementState> {
  const db = services.db.kysely;
  const message = await getMessage(db, messageId);
  if (!message) throw new NotFoundError(`message ${messageId}`);
  if (message.direction !== 'inbound')
    throw new ValidationError('only customer posts can be liked or reposted');
  const supported = channelDefinition(message.channel).capabilities.engagements ?? [];
  if (!supported.includes(action)) throw new ValidationError(`${message.channel} does not support ${action}`);
  const current = (metaOf(message.meta_json).engagements as Record<string, EngagementState> | undefined)?.[
    action
  ];
  if (current && current.status !== 'failed') return current;
  const now = services.clock.now();
  const conv = await getConversation(db, message.conversation_id);
  const state: EngagementState = { status: 'queued', at: now };
  const queued = await db.transaction().execute(async (trx) => {
    // only over the metadata read above: a double click racing this one must not queue twice
    const updated = await trx
      .updateTable('messages')
      .set({ meta_json: withEngagement(message.meta_json, action, state) })
      .where('id', '=', messageId)
      .where((eb) =>
        message.meta_json === null ? eb('meta_json', 'is', null) : eb('meta_json', '=', message.meta_json),
      )
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    await enqueueJob(trx, {
      kind: 'outbound.engage',
      payload: { messageId, action },
      now,
      maxAttempts: services.config.RAPPORT_OUTBOUND_MAX_ATTEMPTS,
      group: conv ? sendGroupOf(conv) : null,
    });
    await appendEvent(trx, {
      at: now,
      actor: eventActor(actor),
      type: `message.${action}`,
      conversationId: message.conversation_id,
      data: { messageId },
    });
    return true;
  });
  // the metadata changed meanwhile (the racing request queued it): decide again on what is there now
  if (!queued) return engageWithMessage(services, actor, messageId, action);
  services.events.wake();
  return state;
}
