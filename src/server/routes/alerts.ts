import type { FastifyInstance } from 'fastify';
import {
  acknowledgeAlert,
  alertAudit,
  listMyDevices,
  myAlertSettings,
  saveAlertSettings,
  subscribePush,
  unsubscribePush,
  vapidPublicKey,
} from '../../commands/alert-settings.js';
import type { Services } from '../../commands/services.js';
import { route } from '../route.js';
import { alertRoutes as a } from './alerts.schema.js';

/** /api/v1/push/* (this device's alerts) and /api/v1/alerts/* (settings, acknowledging, the audit). */
export function registerAlertRoutes(app: FastifyInstance, services: Services) {
  route(app, a.vapidKey, async () => ({ publicKey: vapidPublicKey(services) }));
  route(app, a.subscribe, async ({ body, actor, request }) => ({
    subscription: await subscribePush(
      services,
      actor,
      body,
      request.headers['user-agent']?.slice(0, 300) ?? null,
    ),
  }));
  route(app, a.unsubscribe, async ({ body, actor }) => {
    await unsubscribePush(services, actor, body.endpoint);
    return null;
  });
  route(app, a.devices, async ({ actor }) => ({ items: await listMyDevices(services, actor) }));
  route(app, a.getSettings, ({ actor }) => myAlertSettings(services, actor));
  route(app, a.putSettings, ({ actor, body }) => saveAlertSettings(services, actor, body));
  route(app, a.list, async ({ actor, query }) => ({
    items: await alertAudit(services, { limit: query.limit, mine: query.mine, actor }),
  }));
  route(app, a.ack, async ({ actor, params }) => ({
    alert: await acknowledgeAlert(services, params.id, { actor }),
  }));
  route(app, a.ackWithToken, async ({ params, body }) => {
    await acknowledgeAlert(services, params.id, { token: body.token });
    return { ok: true as const };
  });
}
