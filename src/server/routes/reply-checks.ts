import type { FastifyInstance } from 'fastify';
import { checkReplyText, getReplyCheckSettings, putReplyCheckSettings } from '../../commands/reply-checks.js';
import type { Services } from '../../commands/services.js';
import { route } from '../route.js';
import { replyCheckRoutes as r } from './reply-checks.schema.js';

/** /api/v1/replies/check and /check-settings: agents check and read, admins set. */
export function registerReplyCheckRoutes(app: FastifyInstance, services: Services) {
  route(app, r.getSettings, async () => ({ settings: await getReplyCheckSettings(services) }));
  route(app, r.putSettings, async ({ body, actor }) => ({
    settings: await putReplyCheckSettings(services, actor, body),
  }));
  route(app, r.check, async ({ body }) => ({
    findings: await checkReplyText(services, {
      text: body.text,
      conversationId: body.conversationId,
      customerText: body.customer_text,
      customerName: body.customer_name,
      channel: body.channel,
      template: body.template,
    }),
  }));
}
