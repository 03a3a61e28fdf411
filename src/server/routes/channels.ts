import type { FastifyInstance } from 'fastify';
import { channelDefinitions } from '../../channels/registry.js';
import { describeFields, settingsDefaults } from '../../channels/schema-fields.js';
import { eventActor } from '../../commands/actor.js';
import {
  addChannelAccount,
  listChannelAccounts,
  removeChannelAccount,
  setChannelAccountPaused,
  updateChannelAccount,
} from '../../commands/channel-accounts.js';
import type { Services } from '../../commands/services.js';
import { ValidationError } from '../../platform/errors.js';
import { route } from '../route.js';
import { channelRoutes } from './channels.schema.js';

/**
 * Channel accounts: GET/POST /api/v1/channels, PATCH/DELETE /api/v1/channels/:id, and the channel
 * types with their capabilities. Secrets go in, never come out.
 */
export function registerChannelRoutes(app: FastifyInstance, services: Services) {
  route(app, channelRoutes.types, async () => ({
    items: channelDefinitions.map((d) => ({
      type: d.type,
      description: d.description,
      capabilities: d.capabilities,
      acceptsAccounts: d.type !== 'generic',
      fields: describeFields(d.settingsSchema, d.secretsSchema),
      defaults: settingsDefaults(d.settingsSchema),
    })),
  }));

  route(app, channelRoutes.list, async ({ query: { type } }) => ({
    items: await listChannelAccounts(services, type),
  }));

  route(app, channelRoutes.add, async ({ body, actor }) => ({
    account: await addChannelAccount(services, eventActor(actor), body),
  }));

  route(app, channelRoutes.update, async ({ params: { id }, body, actor }) => {
    let account = undefined as Awaited<ReturnType<typeof updateChannelAccount>> | undefined;
    if (body.settings || body.secrets) {
      account = await updateChannelAccount(services, eventActor(actor), id, body);
    }
    if (body.status) {
      account = await setChannelAccountPaused(services, eventActor(actor), id, body.status === 'paused');
    }
    if (!account) throw new ValidationError('nothing to change: send status, settings or secrets');
    return { account };
  });

  route(app, channelRoutes.remove, async ({ params: { id }, actor }) => {
    await removeChannelAccount(services, eventActor(actor), id);
    return null;
  });
}
