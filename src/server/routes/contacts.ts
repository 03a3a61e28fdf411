import type { FastifyInstance } from 'fastify';
import { confirmContactEmail, mergeContact, unmergeContact } from '../../commands/contact-merge.js';
import {
  addPersonInteraction,
  addPersonNote,
  addPersonOccasion,
  deletePersonOccasion,
  getPerson,
  likelyDuplicates,
  listPeople,
  updatePerson,
} from '../../commands/contacts.js';
import type { Services } from '../../commands/services.js';
import { NotFoundError } from '../../platform/errors.js';
import { route } from '../route.js';
import { contactRoutes } from './contacts.schema.js';
import {
  presentContact,
  presentDetail,
  presentInteraction,
  presentNote,
  presentOccasion,
} from './contacts-present.js';

/** /api/v1/contacts: people across channels, their profile, notes, interactions, occasions and merges. */
export function registerContactRoutes(app: FastifyInstance, services: Services) {
  route(app, contactRoutes.list, async ({ query }) => {
    const { contacts, identities, scores } = await listPeople(services, query);
    return {
      items: contacts.map((c) => presentContact(c, identities, scores)),
      nextBefore: contacts.length === query.limit ? contacts[contacts.length - 1]!.id : null,
    };
  });

  route(app, contactRoutes.get, async ({ params }) => presentDetail(await getPerson(services, params.id)));

  route(app, contactRoutes.update, async ({ params, body, actor }) =>
    presentDetail(await updatePerson(services, actor, params.id, body)),
  );

  route(app, contactRoutes.duplicates, async ({ params }) => {
    const found = await likelyDuplicates(services, params.id);
    return {
      items: found.contacts.map((c) => ({
        contact: presentContact(c, found.identities, found.scores),
        reasons: found.reasons.get(c.id) ?? [],
      })),
    };
  });

  route(app, contactRoutes.merge, async ({ params, body, actor }) => {
    const { mergeId } = await mergeContact(services, actor, params.id, body.otherId);
    return { mergeId, contact: presentDetail(await getPerson(services, params.id)) };
  });

  route(app, contactRoutes.unmerge, async ({ params, body, actor }) => ({
    merge: await unmergeContact(services, actor, params.id, body.mergeId),
  }));

  route(app, contactRoutes.confirmEmail, async ({ params, actor }) => {
    const done = await confirmContactEmail(services, actor, params.id, params.identityId);
    return { contactId: done.contactId, email: done.email, mergeId: done.mergeId };
  });

  route(app, contactRoutes.addNote, async ({ params, body, actor }) => ({
    note: presentNote(await addPersonNote(services, actor, params.id, body.text)),
  }));

  route(app, contactRoutes.addInteraction, async ({ params, body, actor }) => ({
    interaction: presentInteraction(await addPersonInteraction(services, actor, params.id, body)),
  }));

  route(app, contactRoutes.addOccasion, async ({ params, body }) => ({
    occasion: presentOccasion(await addPersonOccasion(services, params.id, body)),
  }));

  route(app, contactRoutes.deleteOccasion, async ({ params }) => {
    if (!(await deletePersonOccasion(services, params.id, params.occasionId))) {
      throw new NotFoundError(`occasion ${params.occasionId}`);
    }
    return null;
  });
}
