import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isOriginAllowed } from '../../channels/chat/settings.js';
import { findWidgetAccount, type WidgetAccount } from '../../commands/chat-widget.js';
import type { Services } from '../../commands/services.js';
import { ForbiddenError } from '../../platform/errors.js';
import { parseInput } from '../validate.js';
import { widgetBundle } from '../widget-bundle.js';
import { VisitorHub } from '../widget-hub.js';
import { CLOSE, VisitorSession } from '../widget-socket.js';

const scriptQuery = z.object({ v: z.string().max(64).optional() });
const socketQuery = z.object({ key: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'unknown widget key') });

/**
 * The website chat widget's public endpoints (no session; outside /api):
 * - GET /widget.js: the script businesses embed, for any origin (CORS and CORP open for this file
 *   only), cached for an hour and revalidated by ETag, or for a year when loaded as `?v=<version>`;
 * - GET /widget/socket?key=…: the visitors' WebSocket, accepted only from the account's allowed
 *   origins; the visitor is whoever their signed token says, and sees only their own conversation.
 */
export function registerWidgetRoutes(app: FastifyInstance, services: Services) {
  const script = widgetBundle();
  const hub = new VisitorHub(services);
  const accounts = new WeakMap<FastifyRequest, WidgetAccount>();
  app.addHook('preClose', async () => hub.close());

  app.get('/widget.js', async (request, reply) => {
    const { v } = parseInput(scriptQuery, request.query ?? {}, 'query');
    const { body, version } = script();
    reply.header('content-type', 'text/javascript; charset=utf-8');
    reply.header('access-control-allow-origin', '*');
    reply.header('cross-origin-resource-policy', 'cross-origin');
    reply.header('x-rapport-widget-version', version);
    reply.header('etag', `"${version}"`);
    reply.header(
      'cache-control',
      v === version ? 'public, max-age=31536000, immutable' : 'public, max-age=3600, must-revalidate',
    );
    if (request.headers['if-none-match'] === `"${version}"`) return reply.code(304).send();
    return reply.send(body);
  });

  app.get(
    '/widget/socket',
    {
      websocket: true,
      preValidation: async (request) => {
        const { key } = parseInput(socketQuery, request.query ?? {}, 'query');
        const wa = await findWidgetAccount(services, key);
        if (!isOriginAllowed(wa.settings, request.headers.origin)) {
          throw new ForbiddenError('this site is not allowed to use this chat widget');
        }
        accounts.set(request, wa);
      },
    },
    (socket, request) => {
      const wa = accounts.get(request);
      if (!wa || !hub.admit(request.ip)) {
        socket.close(CLOSE.policy, 'too many connections');
        return;
      }
      hub.opened(new VisitorSession(services, hub, wa, socket, request.ip));
    },
  );
}
