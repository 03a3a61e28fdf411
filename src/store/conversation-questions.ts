import type { Kysely } from 'kysely';
import { previewOf } from '../domain/conversation-summary.js';
import type { Database } from './schema.js';

/** What a customer first asked in a conversation: its email subject (if any) and a preview. */
export interface FirstQuestion {
  subject: string | null;
  /** "Subject: first words of the message" (just the words when there is no subject). */
  preview: string;
}

function subjectOf(metaJson: string | null): string | null {
  if (!metaJson) return null;
  try {
    const subject = (JSON.parse(metaJson) as { subject?: unknown }).subject;
    return typeof subject === 'string' && subject.trim() ? subject.trim().slice(0, 500) : null;
  } catch {
    return null;
  }
}

/**
 * The first inbound message of each conversation, by conversation id: the list shows its email
 * subject, and a contact's past conversations show what the customer asked (not the brand's last
 * reply). One query for the whole page; conversations with no inbound message are left out.
 */
export async function firstQuestions(
  db: Kysely<Database>,
  ids: number[],
): Promise<Map<number, FirstQuestion>> {
  const out = new Map<number, FirstQuestion>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('messages')
    .select(['conversation_id', 'text', 'meta_json'])
    .where(
      'id',
      'in',
      db
        .selectFrom('messages')
        .select((eb) => eb.fn.min('id').as('id'))
        .where('conversation_id', 'in', ids)
        .where('direction', '=', 'inbound')
        .groupBy('conversation_id'),
    )
    .execute();
  for (const m of rows) {
    const subject = subjectOf(m.meta_json);
    const text = previewOf(m.text);
    out.set(m.conversation_id, {
      subject,
      preview: subject && !text.startsWith(subject) ? `${subject}: ${text}` : text,
    });
  }
  return out;
}
