import { appendConfirmationEvents } from '../ingest/ingest-contacts.js';
import { NotFoundError } from '../platform/errors.js';
import { confirmIdentityEmail, type EmailConfirmation } from '../store/contact-emails-repo.js';
import { type MergeRecord, mergeContacts, unmergeContacts } from '../store/contact-merges-repo.js';
import { appendEvent } from '../store/events-repo.js';
import { type CommandActor, eventActor } from './actor.js';
import type { Services } from './services.js';

/**
 * Merges `otherId` into contact `id` (a teammate says they are one person): every identity,
 * message, conversation, note, interaction and occasion moves, recorded so un-merge puts each back.
 */
export async function mergeContact(
  services: Services,
  actor: CommandActor,
  id: number,
  otherId: number,
): Promise<{ mergeId: number }> {
  const now = services.clock.now();
  const mergeId = await services.db.kysely.transaction().execute(async (trx) => {
    const mergeId = await mergeContacts(trx, {
      targetId: id,
      sourceId: otherId,
      reason: `merged by ${actor.name}`,
      actor: eventActor(actor),
      now,
    });
    await appendEvent(trx, {
      at: now,
      actor: eventActor(actor),
      type: 'contact.merged',
      data: { mergeId, targetId: id, sourceId: otherId, reason: `merged by ${actor.name}` },
    });
    return mergeId;
  });
  services.events.wake();
  return { mergeId };
}

/** Undoes merge `mergeId` of contact `id` (as target or source): see unmergeContacts. */
export async function unmergeContact(
  services: Services,
  actor: CommandActor,
  id: number,
  mergeId: number,
): Promise<MergeRecord> {
  const now = services.clock.now();
  const record = await services.db.kysely.transaction().execute(async (trx) => {
    const merge = await trx
      .selectFrom('contact_merges')
      .select(['target_id', 'source_id'])
      .where('id', '=', mergeId)
      .executeTakeFirst();
    if (!merge || (merge.target_id !== id && merge.source_id !== id))
      throw new NotFoundError(`merge ${mergeId}`);
    const record = await unmergeContacts(trx, { mergeId, now });
    await appendEvent(trx, {
      at: now,
      actor: eventActor(actor),
      type: 'contact.unmerged',
      data: { mergeId, targetId: record.targetId, sourceId: record.sourceId },
    });
    return record;
  });
  services.events.wake();
  return record;
}

/**
 * A teammate confirms the address an identity of contact `id` claims (the person said so on a
 * call, or wrote from it): the contact joins whoever owns the address (confirmIdentityEmail).
 */
export async function confirmContactEmail(
  services: Services,
  actor: CommandActor,
  id: number,
  identityId: number,
): Promise<EmailConfirmation> {
  const now = services.clock.now();
  const done = await services.db.kysely.transaction().execute(async (trx) => {
    const identity = await trx
      .selectFrom('contact_identities')
      .select('id')
      .where('id', '=', identityId)
      .where('contact_id', '=', id)
      .executeTakeFirst();
    if (!identity) throw new NotFoundError(`identity ${identityId} of contact ${id}`);
    const done = await confirmIdentityEmail(trx, {
      identityId,
      actor: eventActor(actor),
      now,
      reason: `address confirmed by ${actor.name}`,
    });
    await appendConfirmationEvents(trx, identityId, done, 'team', eventActor(actor), now);
    return done;
  });
  services.events.wake();
  return done;
}
