import { resummarize } from '../ingest/resummarize.js';
import { NotFoundError, ValidationError } from '../platform/errors.js';
import { getMessage } from '../store/conversations-repo.js';
import { appendEvent } from '../store/events-repo.js';
import {
  CORRECTIONS_KEPT,
  presentTriage,
  readTriageJson,
  type StoredTriageJson,
  type TriageCorrectionRecord,
} from '../store/triage-view.js';
import { languageCodes } from '../triage/language-codes.js';
import { computePriority } from '../triage/priority.js';
import {
  type Intent,
  intents,
  type Sentiment,
  sentiments,
  type UrgencyCue,
  urgencyCues,
} from '../triage/types.js';
import { type CommandActor, eventActor } from './actor.js';
import type { Services } from './services.js';

/** What an agent says triage got wrong about a message. */
export interface TriageCorrection {
  sentiment?: Sentiment;
  intent?: Intent;
  complaintType?: string;
  /** The message's urgency cues; an empty list says it is not urgent. */
  urgency?: UrgencyCue[];
  /** The message's language: it is scored again in that language (fields people set are kept). */
  language?: string;
}

type Field = TriageCorrectionRecord['field'];

/** A message's labels: what a correction changes. */
interface Labels {
  sentiment: Sentiment;
  sentimentScore: number;
  intent: Intent;
  complaintType: string | null;
  urgency: UrgencyCue[];
  language: string | null;
  scored: boolean;
  explanation: string[];
  model: string;
}

const scoreOf: Record<Sentiment, number> = { negative: -1, neutral: 0, positive: 1 };
const fields: Field[] = ['sentiment', 'intent', 'complaintType', 'urgency', 'language'];

/**
 * Applies an agent's correction: every corrected label becomes a training example for the workspace
 * model (stored first, then learned), the message takes the corrected labels and a re-computed
 * priority, its explanation records what changed, and its conversation's sentiment, priority and due
 * time follow. A corrected language scores the message again in that language. Bad values change
 * nothing.
 */
export async function correctTriage(
  services: Services,
  actor: CommandActor,
  messageId: number,
  correction: TriageCorrection,
) {
  validate(correction);
  const message = await getMessage(services.db.kysely, messageId);
  if (!message) throw new NotFoundError(`message ${messageId}`);
  if (message.direction !== 'inbound') throw new ValidationError('only customer messages are triaged');
  const now = services.clock.now();
  const stored: StoredTriageJson = readTriageJson(message.triage_json) ?? {};
  const before: Labels = {
    sentiment: (message.sentiment as Sentiment | null) ?? 'neutral',
    sentimentScore: message.sentiment_score ?? 0,
    intent: (message.intent as Intent | null) ?? 'other',
    complaintType: stored.complaintType ?? null,
    urgency: (stored.urgency as UrgencyCue[] | undefined) ?? [],
    language: stored.language ?? null,
    scored: stored.scored !== false,
    explanation: stored.explanation ?? [],
    model: stored.model ?? services.triage.info().name,
  };
  const kept = new Set<Field>(stored.correctedFields ?? []);
  let after: Labels = { ...before };
  if (correction.language !== undefined && correction.language !== before.language) {
    // Scored again in the language the agent named; labels people set before stay.
    const t = services.triage.current().triage({
      text: message.text,
      channel: message.channel,
      authorFollowers: message.author_followers,
      language: correction.language,
    });
    after = { ...t, language: correction.language };
    if (kept.has('sentiment')) {
      after.sentiment = before.sentiment;
      after.sentimentScore = before.sentimentScore;
    }
    if (kept.has('intent')) after.intent = before.intent;
    if (kept.has('complaintType')) after.complaintType = before.complaintType;
    if (kept.has('urgency')) after.urgency = before.urgency;
  }
  if (correction.sentiment && correction.sentiment !== after.sentiment) {
    after.sentiment = correction.sentiment;
    after.sentimentScore = scoreOf[correction.sentiment];
  }
  if (correction.intent) after.intent = correction.intent;
  if (correction.complaintType) after.complaintType = correction.complaintType;
  if (correction.urgency) after.urgency = [...new Set(correction.urgency)];

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

  const changes: TriageCorrectionRecord[] = [];
  const by = { userId: actor.userId, name: actor.name };
  for (const field of fields) {
    const from = shown(before, field);
    const to = shown(after, field);
    if (from !== to) changes.push({ at: now, by, field, from, to });
    if (correction[field] !== undefined) kept.add(field);
  }
  const priority = computePriority({
    sentiment: after.sentiment,
    sentimentScore: after.sentimentScore,
    intent: after.intent,
    urgency: after.urgency,
    authorFollowers: message.author_followers,
  });
  const triage: StoredTriageJson = {
    ...stored,
    urgency: after.urgency,
    complaintType: after.complaintType,
    explanation: after.explanation,
    model: after.model,
    ...(after.language ? { language: after.language } : {}),
    correctedBy: actor.userId,
    correctedAt: now,
    corrections: [...(stored.corrections ?? []), ...changes].slice(-CORRECTIONS_KEPT),
    correctedFields: fields.filter((f) => kept.has(f)),
  };
  if (after.scored) delete triage.scored;
  else triage.scored = false;
  const json = JSON.stringify(triage);

  await services.db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable('messages')
      .set({
        sentiment: after.sentiment,
        sentiment_score: after.sentimentScore,
        intent: after.intent,
        priority,
        triage_json: json,
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
    sentiment: after.sentiment,
    sentimentScore: after.sentimentScore,
    intent: after.intent,
    priority,
    triage: presentTriage(json)!,
  };
}

/** A field's value as a correction record shows it (urgency cues comma-separated; null is none). */
function shown(labels: Labels, field: Field): string | null {
  if (field === 'urgency') return labels.urgency.length ? labels.urgency.join(',') : null;
  return labels[field];
}

/** Refuses a correction with no field or a value triage does not know (before anything is stored). */
function validate(c: TriageCorrection): void {
  if (fields.every((f) => c[f] === undefined)) {
    throw new ValidationError(`give at least one of ${fields.join(', ')}`);
  }
  if (c.sentiment !== undefined && !sentiments.includes(c.sentiment))
    throw new ValidationError(`unknown sentiment '${c.sentiment}'`);
  if (c.intent !== undefined && !intents.includes(c.intent))
    throw new ValidationError(`unknown intent '${c.intent}'`);
  if (c.complaintType !== undefined && !c.complaintType.trim())
    throw new ValidationError('a complaint type needs a name');
  if (c.urgency?.some((u) => !urgencyCues.includes(u)))
    throw new ValidationError(`urgency cues are ${urgencyCues.join(', ')}`);
  if (c.language !== undefined && !languageCodes.includes(c.language))
    throw new ValidationError(`unknown language '${c.language}'`);
}
