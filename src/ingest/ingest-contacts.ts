import type { Kysely } from 'kysely';
import type { EventActor } from '../domain/events.js';
import { EMAIL_CHANNEL, normalEmail } from '../domain/identity-keys.js';
import type { IncomingMessage } from '../domain/message-format.js';
import { confirmIdentityEmail, findEmailProofs } from '../store/contact-emails-repo.js';
import { appendEvent, systemActor } from '../store/events-repo.js';
import type { Database } from '../store/schema.js';
import type { IngestItemResult } from './ingest-persist.js';

/**
 * The contacts step's second half, for live mail: an inbound mail that answers a mail Rapport sent
 * to the address a chat visitor gave (a recorded proof), written from that very address, confirms
 * it, and the visitor becomes one person with whoever owns the address (confirmIdentityEmail).
 * One query per batch, and only for new inbound mail that replies to something.
 */
export async function confirmEmailsByReply(
  trx: Kysely<Database>,
  messages: IncomingMessage[],
  results: IngestItemResult[],
  now: number,
): Promise<void> {
  const replies = new Map<string, string>();
  for (const r of results) {
    if (r.status !== 'inserted') continue;
    const m = messages[r.index]!;
    if (m.channel !== EMAIL_CHANNEL || m.direction !== 'inbound' || !m.in_reply_to) continue;
    const from = normalEmail(m.author.id);
    // stored Message-IDs have no angle brackets (channels/email/message-id.ts); a raw header value may
    if (from) replies.set(m.in_reply_to.trim().replace(/^<|>$/g, ''), from);
  }
  if (replies.size === 0) return;
  for (const proof of await findEmailProofs(trx, [...replies.keys()])) {
    const from = replies.get(proof.message_id);
    if (from !== proof.email || proof.claimed !== proof.email || proof.email_confirmed === 1) continue;
    const done = await confirmIdentityEmail(trx, {
      identityId: proof.identity_id,
      actor: systemActor,
      now,
      reason: `${proof.email} confirmed by a reply from it`,
    });
    await appendConfirmationEvents(trx, proof.identity_id, done, 'reply', systemActor, now);
  }
}

/** The audit of a confirmation: the confirmation itself and, when it merged two contacts, the merge. */
export async function appendConfirmationEvents(
  trx: Kysely<Database>,
  identityId: number,
  done: { contactId: number; mergeId: number | null; mergedFrom: number | null; email: string },
  via: 'reply' | 'team',
  actor: EventActor,
  now: number,
): Promise<void> {
  await appendEvent(trx, {
    at: now,
    actor,
    type: 'contact.email_confirmed',
    data: { identityId, contactId: done.contactId, mergeId: done.mergeId, via },
  });
  if (done.mergeId !== null && done.mergedFrom !== null) {
    await appendEvent(trx, {
      at: now,
      actor,
      type: 'contact.merged',
      data: {
        mergeId: done.mergeId,
        targetId: done.contactId,
        sourceId: done.mergedFrom,
        reason: `${done.email} confirmed`,
      },
    });
  }
}
