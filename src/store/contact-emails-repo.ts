import type { Kysely } from 'kysely';
import type { EventActor } from '../domain/events.js';
import { EMAIL_CHANNEL } from '../domain/identity-keys.js';
import { NotFoundError, ValidationError } from '../platform/errors.js';
import { mergeContacts } from './contact-merges-repo.js';
import type { Database } from './schema.js';

/** What confirming an address did: the contact the identity is now under, and the merge it caused. */
export interface EmailConfirmation {
  contactId: number;
  email: string;
  mergeId: number | null;
  mergedFrom: number | null;
}

/**
 * Confirms the address an identity claims (a chat visitor's), inside the caller's transaction. The
 * person is then one with whoever owns that address: if another contact already proves it (mail
 * came from it), the two contacts merge (the younger into the older, recorded, reversible);
 * otherwise the contact gains an email identity, so mail from the address finds it. Idempotent.
 */
export async function confirmIdentityEmail(
  trx: Kysely<Database>,
  input: { identityId: number; actor: EventActor; now: number; reason: string },
): Promise<EmailConfirmation> {
  const identity = await trx
    .selectFrom('contact_identities')
    .select(['id', 'contact_id', 'email', 'name'])
    .where('id', '=', input.identityId)
    .executeTakeFirst();
  if (!identity) throw new NotFoundError(`identity ${input.identityId}`);
  const email = identity.email;
  if (!email) throw new ValidationError('this identity has no email address to confirm');
  await trx
    .updateTable('contact_identities')
    .set({ email_confirmed: 1 })
    .where('id', '=', identity.id)
    .execute();
  const owner = await trx
    .selectFrom('contact_identities')
    .select(['contact_id'])
    .where('email', '=', email)
    .where('email_confirmed', '=', 1)
    .where('contact_id', '!=', identity.contact_id)
    .orderBy('contact_id')
    .executeTakeFirst();
  if (owner) {
    const [targetId, sourceId] =
      owner.contact_id < identity.contact_id
        ? [owner.contact_id, identity.contact_id]
        : [identity.contact_id, owner.contact_id];
    const mergeId = await mergeContacts(trx, {
      targetId,
      sourceId,
      reason: input.reason,
      actor: input.actor,
      now: input.now,
    });
    return { contactId: targetId, email, mergeId, mergedFrom: sourceId };
  }
  await trx
    .insertInto('contact_identities')
    .values({
      contact_id: identity.contact_id,
      channel: EMAIL_CHANNEL,
      external_id: email,
      handle: email,
      name: identity.name,
      created_at: input.now,
      email,
      email_confirmed: 1,
      handle_key: null,
    })
    .onConflict((oc) => oc.columns(['channel', 'external_id']).doNothing())
    .execute();
  return { contactId: identity.contact_id, email, mergeId: null, mergedFrom: null };
}

/** Remembers a mail sent to the address an identity claims, so a reply from that address confirms it. */
export async function recordEmailProof(
  db: Kysely<Database>,
  input: { messageId: string; identityId: number; email: string; now: number },
): Promise<void> {
  await db
    .insertInto('contact_email_proofs')
    .values({
      message_id: input.messageId,
      identity_id: input.identityId,
      email: input.email,
      created_at: input.now,
    })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .execute();
}

/** The proofs these mails reply to (by Message-ID): the identity and the address each was sent to. */
export async function findEmailProofs(db: Kysely<Database>, messageIds: string[]) {
  if (messageIds.length === 0) return [];
  return db
    .selectFrom('contact_email_proofs as p')
    .innerJoin('contact_identities as i', 'i.id', 'p.identity_id')
    .select(['p.message_id', 'p.identity_id', 'p.email', 'i.email as claimed', 'i.email_confirmed'])
    .where('p.message_id', 'in', messageIds)
    .execute();
}
