import type { Kysely } from 'kysely';
import type { Services } from '../commands/services.js';
import { defineListener } from '../events/listener.js';
import { recomputeContactScores } from '../store/contact-scores-repo.js';
import type { Database } from '../store/schema.js';

async function contactsOfMessages(trx: Kysely<Database>, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await trx
    .selectFrom('messages')
    .select('contact_id')
    .distinct()
    .where('id', 'in', ids)
    .where('contact_id', 'is not', null)
    .execute();
  return rows.map((r) => r.contact_id as number);
}

async function contactOfConversation(trx: Kysely<Database>, id: number | null) {
  if (id === null) return [];
  const row = await trx
    .selectFrom('conversations')
    .select('contact_id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.contact_id ? [row.contact_id] : [];
}

/**
 * Keeps each person's advocate score, churn-risk flag (with reasons) and last contact current
 * (src/domain/people-scores.ts): recomputed when they write or are written to, when a
 * conversation's status or a message's triage changes, and when contacts are merged or split.
 */
export const peopleScores = defineListener<
  Services,
  | 'messages.received'
  | 'conversation.status'
  | 'message.triage_corrected'
  | 'contact.merged'
  | 'contact.unmerged'
  | 'contact.email_confirmed'
>({
  name: 'people-scores',
  from: 'beginning',
  types: [
    'messages.received',
    'conversation.status',
    'message.triage_corrected',
    'contact.merged',
    'contact.unmerged',
    'contact.email_confirmed',
  ],
  async handle(event, trx, services) {
    let contacts: number[];
    switch (event.type) {
      case 'messages.received':
        contacts = await contactsOfMessages(
          trx,
          event.data.messages.map((m) => m.messageId),
        );
        break;
      case 'message.triage_corrected':
        contacts = await contactsOfMessages(trx, [event.data.messageId]);
        break;
      case 'contact.merged':
      case 'contact.unmerged':
        contacts = [event.data.targetId, event.data.sourceId];
        break;
      case 'contact.email_confirmed':
        contacts = [event.data.contactId];
        break;
      default:
        contacts = await contactOfConversation(trx, event.conversationId);
    }
    const now = services.clock.now();
    for (const id of new Set(contacts)) await recomputeContactScores(trx, id, now);
  },
});
