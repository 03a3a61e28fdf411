import { resummarize } from '../ingest/resummarize.js';
import { NotFoundError, ValidationError } from '../platform/errors.js';
import { getMessage } from '../store/conversations-repo.js';
import { appendEvent } from '../store/events-repo.js';
import { computePriority } from '../triage/priority.js';
import type { Intent, Sentiment, UrgencyCue } from '../triage/types.js';
import { type CommandActor, eventActor } from './actor.js';
import type { Services } from './services.js';

/** What an agent says triage got wrong about a message. */
export interface TriageCorrection {
  sentiment?: Sentiment;
  intent?: Intent;
  complaintType?: string;
}

const scoreOf: Record<Sentiment, number> = { negative: -1, neutral: 0, positive: 1 };

/**
 * Applies an agent's correction: every corrected field becomes a training example for the workspace
 * model (stored first, then learned), the message takes the corrected labels and a re-computed
 * priority, and its conversation's sentiment, priority and due time follow.
 */
export async function correctTriage(
  services: Services,
  actor: CommandActor,
  messageId: number,
  correction: TriageCorrection,
) {
  if (!correction.sentiment && !correction.intent && !correction.complaintType) {
    throw new ValidationError('give at least one of sentiment, intent, complaintType');
  }
  const message = await getMessage(services.db.kysely, messageId);
  if (!message) throw new NotFoundError(`message ${messageId}`);
  if (message.direction !== 'inbound') throw new ValidationError('only customer messages are triaged');
  const now = services.clock.now();
  for (const [field, label] of [
    ['sentiment', correction.sentiment],
    ['intent', correction.intent],
    ['complaintType', correction.complaintType],
  ] as const) {
    if (label) {
      await services.triage.recordCorrection(
        { text: message.text, field, label, messageId, userId: actor.userId },
        now,
      );
    }
  }
  const previous = message.triage_json ? (JSON.parse(message.triage_json) as Record<string, unknown>) : {};
  const sentiment = correction.sentiment ?? (message.sentiment as Sentiment | null) ?? 'neutral';
  const sentimentScore =
    correction.sentiment && correction.sentiment !== message.sentiment
      ? scoreOf[correction.sentiment]
      : (message.sentiment_score ?? 0);
  const intent = correction.intent ?? (message.intent as Intent | null) ?? 'other';
  const urgency = (previous.urgency as UrgencyCue[] | undefined) ?? [];
  const priority = computePriority({
    sentiment,
    sentimentScore,
    intent,
    urgency,
    authorFollowers: message.author_followers,
  });
  const triage: Record<string, unknown> = {
    ...previous,
    ...(correction.complaintType ? { complaintType: correction.complaintType } : {}),
    correctedBy: actor.userId,
    correctedAt: now,
  };
  await services.db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable('messages')
      .set({
        sentiment,
        sentiment_score: sentimentScore,
        intent,
        priority,
        triage_json: JSON.stringify(triage),
      })
      .where('id', '=', messageId)
      .execute();
    await resummarize(services, trx, [message.conversation_id], now);
    await appendEvent(trx, {
      at: now,
      actor: eventActor(actor),
      type: 'message.triage_corrected',
      conversationId: message.conversation_id,
      data: { messageId, ...correction },
    });
  });
  services.events.wake();
  return {
    id: messageId,
    sentiment,
    sentimentScore,
    intent,
    priority,
    triage: {
      urgency,
      complaintType: (triage.complaintType as string | null | undefined) ?? null,
      explanation: (triage.explanation as string[] | undefined) ?? [],
      model: (triage.model as string | undefined) ?? services.triage.info().name,
    },
  };
}
