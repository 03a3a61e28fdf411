import { ConflictError } from '../platform/errors.js';
import { contactExport, eraseContactData } from '../store/contact-privacy-repo.js';
import { getContactRow } from '../store/contacts-read-repo.js';
import { appendEvent } from '../store/events-repo.js';
import { type CommandActor, eventActor } from './actor.js';
import type { Services } from './services.js';

/** Everything stored about a person, as JSON-ready rows; the export itself is audited. */
export async function exportPerson(services: Services, actor: CommandActor, id: number) {
  const contact = await getContactRow(services.db.kysely, id);
  if (contact.merged_into !== null) {
    throw new ConflictError(`contact ${id} was merged into contact ${contact.merged_into}: export that one`);
  }
  const now = services.clock.now();
  const data = await contactExport(services.db.kysely, id);
  await appendEvent(services.db.kysely, {
    at: now,
    actor: eventActor(actor),
    type: 'contact.exported',
    data: { contactId: id },
  });
  services.events.wake();
  return { exportedAt: now, contactId: id, ...data };
}

/**
 * Erases a person on request (and the contacts merged into them): their words, identities and
 * profile go, anonymous counts stay, and a `contact.erased` audit record says what was removed.
 */
export async function erasePerson(services: Services, actor: CommandActor, id: number) {
  const contact = await getContactRow(services.db.kysely, id);
  if (contact.merged_into !== null) {
    throw new ConflictError(`contact ${id} was merged into contact ${contact.merged_into}: erase that one`);
  }
  const now = services.clock.now();
  const counts = await services.db.kysely.transaction().execute(async (trx) => {
    const done = await eraseContactData(trx, id, now);
    await appendEvent(trx, {
      at: now,
      actor: eventActor(actor),
      type: 'contact.erased',
      data: { contactId: id, ...done },
    });
    return done;
  });
  services.events.wake();
  return counts;
}
