import type { FastifyInstance } from 'fastify';
import { setApprovalFlags, updateMyVoice, voiceOf } from '../../commands/agent-voice.js';
import { approveReply, listApprovals, returnReply } from '../../commands/reply-approvals.js';
import type { Services } from '../../commands/services.js';
import { UnauthenticatedError } from '../../platform/errors.js';
import { route } from '../route.js';
import { approvalRoutes as a } from './approvals.schema.js';

function personOf(actor: { userId: number | null }): number {
  if (actor.userId === null) throw new UnauthenticatedError('personal settings need a signed-in user');
  return actor.userId;
}

/** /api/v1/approvals (held replies and decisions), /api/v1/me/voice and the admins' flags per user. */
export function registerApprovalRoutes(app: FastifyInstance, services: Services) {
  route(app, a.list, ({ query, actor }) => listApprovals(services, actor, query));
  route(app, a.approve, ({ params: { id }, body, actor }) => approveReply(services, actor, id, body.text));
  route(app, a.sendBack, async ({ params: { id }, body, actor }) => ({
    approval: await returnReply(services, actor, id, body.comment),
  }));
  route(app, a.myVoice, async ({ actor }) => ({ voice: await voiceOf(services.db.kysely, personOf(actor)) }));
  route(app, a.updateMyVoice, async ({ actor, body }) => ({
    voice: await updateMyVoice(services, personOf(actor), body),
  }));
  route(app, a.userVoice, async ({ params: { id } }) => ({ voice: await voiceOf(services.db.kysely, id) }));
  route(app, a.setFlags, async ({ params: { id }, body, actor }) => ({
    voice: await setApprovalFlags(services, actor, id, body),
  }));
}
