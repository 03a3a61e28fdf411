import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Services } from '../commands/services.js';
import { registerAuth } from './auth/plugin.js';
import { installErrorHandler } from './errors.js';
import { PresenceTracker } from './presence.js';
import { registerAttachmentRoutes } from './routes/attachments.js';
import { registerChannelRoutes } from './routes/channels.js';
import { registerConversationRoutes } from './routes/conversations.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerMessageRoutes } from './routes/messages.js';
import { registerMetricsRoutes } from './routes/metrics.js';
import { registerStreamRoutes } from './routes/stream.js';
import { registerTriageRoutes } from './routes/triage.js';
import { registerWidgetRoutes } from './routes/widget.js';
import { registerWeb } from './web.js';
import { widgetLimits } from './widget-limits.js';

/**
 * Builds the HTTP server: one Fastify instance with the API under /api and the web app at /.
 * Plugins and routes are listed here by hand, in order.
 */
export async function buildServer(services: Services): Promise<FastifyInstance> {
  const { config } = services;
  const app = Fastify({
    loggerInstance: services.logger as FastifyBaseLogger,
    bodyLimit: config.RAPPORT_BODY_LIMIT_BYTES,
    trustProxy: config.RAPPORT_TRUST_PROXY,
  }) as unknown as FastifyInstance;
  installErrorHandler(app);
  await app.register(cookie);
  // after authentication (onRequest) and before the body is read: an API token has its own bucket
  // and a higher limit (an integration's traffic); everything else is limited per address
  await app.register(rateLimit, {
    hook: 'preParsing',
    max: (_request, key) =>
      key.startsWith('token:')
        ? config.RAPPORT_TOKEN_RATE_LIMIT_PER_MINUTE
        : config.RAPPORT_RATE_LIMIT_PER_MINUTE,
    keyGenerator: (request) =>
      request.actor?.type === 'token' ? `token:${request.actor.id}` : `ip:${request.ip}`,
    timeWindow: 60_000,
    allowList: (request) => request.url === '/api/health',
  });
  // before any route, so it can take WebSocket upgrades (the chat widget's visitors)
  await app.register(websocket, { options: { maxPayload: widgetLimits.maxPayloadBytes } });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
  });
  await registerAuth(app, services);
  registerHealthRoutes(app, services);
  registerTriageRoutes(app, services);
  registerMessageRoutes(app, services);
  registerConversationRoutes(app, services, new PresenceTracker(services.live, () => services.clock.now()));
  registerMetricsRoutes(app, services);
  registerChannelRoutes(app, services);
  registerAttachmentRoutes(app, services);
  registerStreamRoutes(app, services);
  registerWidgetRoutes(app, services);
  await registerWeb(app, services);
  return app;
}
