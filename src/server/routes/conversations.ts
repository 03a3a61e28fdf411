import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  addNote,
  assignConversation,
  labelConversation,
  setConversationStatus,
} from '../../commands/conversation-actions.js';
import { replyToConversation } from '../../commands/reply.js';
import type { Services } from '../../commands/services.js';
import { inStoredRange } from '../../domain/timestamps.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { listConversations } from '../../store/conversation-list.js';
import { loadConversationDetail, presentConversations } from '../../store/conversation-views.js';
import { getConversation, listLabels } from '../../store/conversations-repo.js';
import { requireRole } from '../auth/actor.js';
import type { PresenceTracker } from '../presence.js';
import { parseInput } from '../validate.js';

const statuses = ['open', 'pending', 'snoozed', 'resolved'] as const;

const listQuery = z.object({
  view: z.enum(['all', 'mine', 'unassigned', 'negative', 'breaching']).default('all'),
  status: z
    .string()
    .default('open,pending')
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(statuses))),
  channel: z.string().max(40).optional(),
  sentiment: z.enum(['negative', 'neutral', 'positive']).optional(),
  assignee: z.union([z.literal('me'), z.literal('none'), z.coerce.number().int().positive()]).optional(),
  label: z.string().max(100).optional(),
  priorityMin: z.coerce.number().int().min(0).max(100).optional(),
  q: z.string().max(500).optional(),
  sort: z.enum(['priority', 'waiting', 'recent', 'due']).default('priority'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});

const idParams = z.object({ id: z.coerce.number().int().positive() });
const replyBody = z.object({ text: z.string().min(1).max(100_000) });
const noteBody = z.object({ text: z.string().trim().min(1).max(20_000) });
const assignBody = z.object({ assigneeId: z.number().int().positive().nullable() });
const labelsBody = z.object({
  add: z.array(z.string().min(1).max(100)).max(50).default([]),
  remove: z.array(z.string().min(1).max(100)).max(50).default([]),
});
const statusBody = z.object({
  status: z.enum(statuses),
  snoozedUntil: z
    .number()
    .int()
    .positive()
    .refine(inStoredRange, 'snoozedUntil must be epoch milliseconds before 2100-01-01')
    .nullish(),
});
const presenceBody = z.object({ state: z.enum(['viewing', 'replying', 'left']) });

/** The inbox: conversation list, detail and the agent's actions on a conversation. */
export function registerConversationRoutes(
  app: FastifyInstance,
  services: Services,
  presence: PresenceTracker,
) {
  const db = services.db.kysely;

  async function present(id: number) {
    const row = await getConversation(db, id);
    if (!row) throw new NotFoundError(`conversation ${id}`);
    return (await presentConversations(db, [row]))[0]!;
  }

  app.get('/api/v1/conversations', async (request) => {
    const actor = requireRole(request, 'viewer');
    const q = parseInput(listQuery, request.query, 'query');
    let assignee: number | 'none' | undefined = q.assignee === 'me' ? (actor.userId ?? -1) : q.assignee;
    let sentiment = q.sentiment;
    let dueBefore: number | undefined;
    let sort = q.sort;
    if (q.view === 'mine') {
      if (actor.userId === null) throw new ValidationError('the mine view needs a user');
      assignee = actor.userId;
    } else if (q.view === 'unassigned') assignee = 'none';
    else if (q.view === 'negative') sentiment = 'negative';
    else if (q.view === 'breaching') {
      dueBefore = services.clock.now() + 5 * 60_000;
      sort = 'due';
    }
    const page = await listConversations(db, services.db.engine, {
      statuses: q.status,
      channel: q.channel,
      sentiment,
      assignee,
      label: q.label,
      priorityMin: q.priorityMin,
      q: q.q?.trim() || undefined,
      dueBefore,
      sort,
      limit: q.limit,
      cursor: q.cursor,
    });
    return { items: await presentConversations(db, page.rows), nextCursor: page.nextCursor };
  });

  app.get('/api/v1/conversations/:id', async (request) => {
    requireRole(request, 'viewer');
    const { id } = parseInput(idParams, request.params, 'conversation id');
    const detail = await loadConversationDetail(db, id);
    if (!detail) throw new NotFoundError(`conversation ${id}`);
    return { ...detail, viewers: presence.viewers(id) };
  });

  app.post('/api/v1/conversations/:id/reply', async (request) => {
    const actor = requireRole(request, 'agent');
    const { id } = parseInput(idParams, request.params, 'conversation id');
    const { text } = parseInput(replyBody, request.body, 'reply');
    return { message: await replyToConversation(services, actor, id, text) };
  });

  app.post('/api/v1/conversations/:id/notes', async (request) => {
    const actor = requireRole(request, 'agent');
    const { id } = parseInput(idParams, request.params, 'conversation id');
    const { text } = parseInput(noteBody, request.body, 'note');
    return { note: await addNote(services, actor, id, text) };
  });

  app.post('/api/v1/conversations/:id/assign', async (request) => {
    const actor = requireRole(request, 'agent');
    const { id } = parseInput(idParams, request.params, 'conversation id');
    const { assigneeId } = parseInput(assignBody, request.body, 'assignment');
    await assignConversation(services, actor, id, assigneeId);
    return { conversation: await present(id) };
  });

  app.post('/api/v1/conversations/:id/labels', async (request) => {
    const actor = requireRole(request, 'agent');
    const { id } = parseInput(idParams, request.params, 'conversation id');
    const { add, remove } = parseInput(labelsBody, request.body, 'labels');
    await labelConversation(services, actor, id, add, remove);
    return { conversation: await present(id) };
  });

  app.post('/api/v1/conversations/:id/status', async (request) => {
    const actor = requireRole(request, 'agent');
    const { id } = parseInput(idParams, request.params, 'conversation id');
    const { status, snoozedUntil } = parseInput(statusBody, request.body, 'status');
    await setConversationStatus(services, actor, id, status, snoozedUntil);
    return { conversation: await present(id) };
  });

  app.post('/api/v1/conversations/:id/presence', async (request) => {
    const actor = requireRole(request, 'viewer');
    const { id } = parseInput(idParams, request.params, 'conversation id');
    const { state } = parseInput(presenceBody, request.body, 'presence');
    if (actor.userId === null) throw new ValidationError('presence needs a user');
    return { viewers: presence.update(id, { id: actor.userId, name: actor.name }, state) };
  });

  app.get('/api/v1/labels', async (request) => {
    requireRole(request, 'viewer');
    return { items: await listLabels(db) };
  });
}
