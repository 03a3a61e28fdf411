import { visitorOfThreadKey } from '../channels/chat/mapping.js';
import type { Services } from '../commands/services.js';
import { CHAT_CHANNEL_NAME, normalEmail } from '../domain/identity-keys.js';
import { defineListener } from '../events/listener.js';
import { recordEmailProof } from '../store/contact-emails-repo.js';

/**
 * Remembers each chat reply that went out by email to the address a visitor gave (its Message-ID),
 * so that a reply from that address proves the address is the visitor's (ingest-contacts.ts).
 * Writes through `trx` only: exactly once with the cursor.
 */
export const emailProofs = defineListener<Services, 'reply.sent'>({
  name: 'email-proofs',
  types: ['reply.sent'],
  async handle(event, trx) {
    const row = await trx
      .selectFrom('messages as m')
      .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
      .select(['m.channel', 'm.meta_json', 'c.thread_key'])
      .where('m.id', '=', event.data.messageId)
      .executeTakeFirst();
    if (!row || row.channel !== CHAT_CHANNEL_NAME || !row.meta_json) return;
    const meta = JSON.parse(row.meta_json) as {
      deliveredBy?: unknown;
      email?: { to?: unknown; externalId?: unknown };
    };
    const to = typeof meta.email?.to === 'string' ? normalEmail(meta.email.to) : null;
    const mailId = meta.email?.externalId;
    const visitorId = visitorOfThreadKey(row.thread_key);
    if (meta.deliveredBy !== 'email' || !to || typeof mailId !== 'string' || !visitorId) return;
    const identity = await trx
      .selectFrom('contact_identities')
      .select('id')
      .where('channel', '=', CHAT_CHANNEL_NAME)
      .where('external_id', '=', visitorId)
      .executeTakeFirst();
    if (!identity) return;
    // kept as stored Message-IDs are, without angle brackets (the ingest side strips them too)
    await recordEmailProof(trx, {
      messageId: mailId.trim().replace(/^<|>$/g, ''),
      identityId: identity.id,
      email: to,
      now: event.at,
    });
  },
});
