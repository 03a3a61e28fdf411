import type { IncomingMessage } from '../domain/message-format.js';
import type { Intent, Sentiment, TriageResult, Triager } from '../triage/types.js';

/**
 * A message's triage as its row stores it: the columns the inbox sorts and filters by, and the rest
 * (urgency, complaint type, explanation, model, language and whether it was scored) as the JSON of
 * triage_json.
 */
export interface StoredTriage {
  sentiment: Sentiment;
  sentimentScore: number;
  intent: Intent;
  priority: number;
  json: string;
}

/** The stored form of a triage result. */
export function storedTriage(t: TriageResult): StoredTriage {
  return {
    sentiment: t.sentiment,
    sentimentScore: t.sentimentScore,
    intent: t.intent,
    priority: t.priority,
    json: JSON.stringify({
      urgency: t.urgency,
      complaintType: t.complaintType,
      explanation: t.explanation,
      model: t.model,
      language: t.language,
      ...(t.scored ? {} : { scored: false }),
    }),
  };
}

/**
 * Triage of one incoming message as ingest stores it: customers' (inbound) messages are scored, the
 * brand's own posts are not. Pure, so the import reader thread runs it too.
 */
export function triageMessage(triager: Triager, m: IncomingMessage): StoredTriage | null {
  return m.direction === 'inbound'
    ? storedTriage(
        triager.triage({ text: m.text, channel: m.channel, authorFollowers: m.author.followers ?? null }),
      )
    : null;
}
