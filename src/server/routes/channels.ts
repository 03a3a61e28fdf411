import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
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
import { requireRole } from '../auth/actor.js';
import { parseInput } from '../validate.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });
const record = z.record(z.string(), z.unknown());
const addBody = z
  .object({
    type: z.string().min(1).max(40),
    name: z.string().trim().min(1).max(100),
    settings: record.optional(),
    secrets: record.optional(),
    verify: z.boolean().optional(),
  })
  .strict();
const patchBody = z
  .object({
    status: z.enum(['active', 'paused']).optional(),
    settings: record.optional(),
    secrets: record.optional(),
    verify: z.boolean().optional(),
  })
  .strict();
const listQuery = z.object({ type: z.string().max(40).optional() }).strict();

/**
 * Channel accounts: GET/POST /api/v1/channels, PATCH/DELETE /api/v1/channels/:id, and the channel
 * types with their capabilities. Secrets go in, never come out.
 */
export function registerChannelRoutes(app: FastifyInstance, services: Services) {
  app.get('/api/v1/channel-types', async (request) => {
    requireRole(request, 'viewer');
    return {
      items: channelDefinitions.map((d) => ({
        type: d.type,
        description: d.description,
        capabilities: d.capabilities,
        acceptsAccounts: d.type !== 'generic',
        fields: describeFields(d.settingsSchema, d.secretsSchema),
        defaults: settingsDefaults(d.settingsSchema),
      })),
    };
  });

  app.get('/api/v1/channels', async (request) => {
    requireRole(request, 'viewer');
    const { type } = parseInput(listQuery, request.query ?? {}, 'query');
    return { items: await listChannelAccounts(services, type) };
  });

  app.post('/api/v1/channels', async (request, reply) => {
    const actor = requireRole(request, 'admin');
    const body = parseInput(addBody, request.body, 'channel account');
    const account = await addChannelAccount(services, eventActor(actor), body);
    reply.code(201);
    return { account };
  });

  app.patch('/api/v1/channels/:id', async (request) => {
    const actor = requireRole(request, 'admin');
    const { id } = parseInput(idParams, request.params, 'path');
    const body = parseInput(patchBody, request.body, 'channel account change');
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

  app.delete('/api/v1/channels/:id', async (request, reply) => {
    const actor = requireRole(request, 'admin');
    const { id } = parseInput(idParams, request.params, 'path');
    await removeChannelAccount(services, eventActor(actor), id);
    reply.code(204);
    return null;
  });
}
