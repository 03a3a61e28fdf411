import { randomUUID } from 'node:crypto';
import http from 'node:http';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from 'fastify';
import type { Services } from '../commands/services.js';
import { registerAuth } from './auth/plugin.js';
import { type ContractViolation, installResponseCheck } from './contract-check.js';
import { clientErrorHandler, frameworkErrors, installErrorHandler } from './errors.js';
import { installInputHygiene } from './input-hygiene.js';
import { apiContracts } from './route.js';
import { registerAlertRoutes } from './routes/alerts.js';
import { registerApprovalRoutes } from './routes/approvals.js';
import { registerAttachmentRoutes } from './routes/attachments.js';
import { registerChannelRoutes } from './routes/channels.js';
import { registerContactRoutes } from './routes/contacts.js';
import { registerContactDataRoutes } from './routes/contacts-data.js';
import { registerConversationRoutes } from './routes/conversations.js';
import { registerDocsRoutes } from './routes/docs.js';
import { registerEventRoutes } from './routes/events.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerMessageRoutes } from './routes/messages.js';
import { registerMetricsRoutes } from './routes/metrics.js';
import { registerOnCallRoutes } from './routes/on-call.js';
import { registerOperationsRoutes } from './routes/operations.js';
import { registerPlaybookRoutes } from './routes/playbooks.js';
import { registerReplyCheckRoutes } from './routes/reply-checks.js';
import { registerRoutingRoutes } from './routes/routing.js';
import { registerSegmentRoutes } from './routes/segments.js';
import { registerSlaRoutes } from './routes/sla.js';
import { registerStreamRoutes } from './routes/stream.js';
import { registerTodayRoutes } from './routes/today.js';
import { registerTriageRoutes } from './routes/triage.js';
import { registerWidgetRoutes } from './routes/widget.js';
import { registerWeb } from './web.js';
import { widgetLimits } from './widget-limits.js';

/** Options of buildServer; the defaults are what `rapport start` runs. */
export interface ServerOptions {
  /**
   * Test-only: check every API answer against its route's contract and report each mismatch
   * (which also becomes a 500; see contract-check.ts).
   */
  checkResponses?: (violation: ContractViolation) => void;
  /** Test-only: told about every route as Fastify registers it (the contract test lists them). */
  onRoute?: (route: RouteOptions) => void;
}

/**
 * Builds the HTTP server: one Fastify instance with the API under /api and the web app at /.
 * Plugins and routes are listed here by hand, in order; API routes are registered from their
 * contracts (route.ts), which GET /api/openapi.json lists.
 */
export async function buildServer(services: Services, options: ServerOptions = {}): Promise<FastifyInstance> {
  const { config } = services;
  const app = Fastify({
    loggerInstance: services.logger as FastifyBaseLogger,
    bodyLimit: config.RAPPORT_BODY_LIMIT_BYTES,
    trustProxy: config.RAPPORT_TRUST_PROXY,
    // every log line of a request carries its id; behind a trusted proxy the proxy's X-Request-Id
    // is kept (one id from the edge to Rapport's logs), otherwise each process makes unique ones
    requestIdHeader: config.RAPPORT_TRUST_PROXY ? 'x-request-id' : false,
    genReqId: () => randomUUID(),
    frameworkErrors,
    clientErrorHandler,
    // a request (headers and body) must arrive within the timeout, checked every second, so a slow
    // sender cannot hold a connection; responses (SSE, WebSocket) are not bounded by it
    serverFactory: (handler) =>
      http.createServer(
        {
          requestTimeout: config.RAPPORT_REQUEST_TIMEOUT_MS,
          headersTimeout: Math.min(config.RAPPORT_REQUEST_TIMEOUT_MS, 60_000),
          connectionsCheckingInterval: 1000,
        },
        handler,
      ),
  }) as unknown as FastifyInstance;
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  installErrorHandler(app);
  installInputHygiene(app);
  apiContracts(app);
  if (options.checkResponses) installResponseCheck(app, options.checkResponses);
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
    allowList: (request) => request.url === '/api/health' || request.url === '/api/ready',
  });
  // before any route, so it can take WebSocket upgrades (the chat widget's visitors)
  await app.register(websocket, { options: { maxPayload: widgetLimits.maxPayloadBytes } });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
  });
  await registerAuth(app, services);
  registerHealthRoutes(app, services);
  registerOperationsRoutes(app, services);
  registerTriageRoutes(app, services);
  registerMessageRoutes(app, services);
  registerConversationRoutes(app, services);
  registerMetricsRoutes(app, services);
  registerSlaRoutes(app, services);
  registerRoutingRoutes(app, services);
  registerAlertRoutes(app, services);
  registerOnCallRoutes(app, services);
  registerPlaybookRoutes(app, services);
  registerApprovalRoutes(app, services);
  registerReplyCheckRoutes(app, services);
  registerChannelRoutes(app, services);
  registerContactDataRoutes(app, services);
  registerContactRoutes(app, services);
  registerTodayRoutes(app, services);
  registerSegmentRoutes(app, services);
  registerAttachmentRoutes(app, services);
  registerStreamRoutes(app, services);
  registerEventRoutes(app, services);
  registerWidgetRoutes(app, services);
  registerDocsRoutes(app);
  await registerWeb(app, services);
  return app;
}
