import type { FastifyInstance } from 'fastify';
import {
  createPlaybook,
  createSavedReply,
  deletePlaybook,
  deleteSavedReply,
  installDefaultPlaybooks,
  listAllPlaybooks,
  listAllSavedReplies,
  playbookForConversation,
  updatePlaybook,
  updateSavedReply,
} from '../../commands/playbooks.js';
import { renderSavedReply } from '../../commands/saved-reply-use.js';
import type { Services } from '../../commands/services.js';
import { route } from '../route.js';
import { playbookRoutes as p } from './playbooks.schema.js';

/** /api/v1/playbooks and /api/v1/saved-replies: everyone reads, admins write, agents fill in. */
export function registerPlaybookRoutes(app: FastifyInstance, services: Services) {
  route(app, p.list, async () => ({ items: await listAllPlaybooks(services) }));
  route(app, p.create, async ({ body, actor }) => ({
    playbook: await createPlaybook(services, actor, body),
  }));
  route(app, p.update, async ({ params: { id }, body, actor }) => ({
    playbook: await updatePlaybook(services, actor, id, body),
  }));
  route(app, p.remove, async ({ params: { id }, actor }) => {
    await deletePlaybook(services, actor, id);
    return null;
  });
  route(app, p.installDefaults, ({ actor }) => installDefaultPlaybooks(services, actor));
  route(app, p.forConversation, ({ params: { id } }) => playbookForConversation(services, id));
  route(app, p.listSaved, async () => ({ items: await listAllSavedReplies(services) }));
  route(app, p.createSaved, async ({ body, actor }) => ({
    savedReply: await createSavedReply(services, actor, body),
  }));
  route(app, p.updateSaved, async ({ params: { id }, body, actor }) => ({
    savedReply: await updateSavedReply(services, actor, id, body),
  }));
  route(app, p.removeSaved, async ({ params: { id }, actor }) => {
    await deleteSavedReply(services, actor, id);
    return null;
  });
  route(app, p.render, ({ params: { id }, body, actor }) =>
    renderSavedReply(services, actor, id, body.conversationId),
  );
}
