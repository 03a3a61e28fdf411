import type { FastifyInstance } from 'fastify';
import {
  addNote,
  assignConversation,
  labelConversation,
  setConversationStatus,
} from '../../commands/conversation-actions.js';
import { conversationViewers, reportPresence } from '../../commands/presence.js';
import { submitReply } from '../../commands/reply.js';
import type { Services } from '../../commands/services.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { decodeCursor, listConversations } from '../../store/conversation-list.js';
import { loadConversationDetail, presentConversations } from '../../store/conversation-views.js';
import { getConversation, listLabels } from '../../store/conversations-repo.js';
import { route } from '../route.js';
import { conversationRoutes as c } from './conversations.schema.js';

/** The inbox: conversation list, detail and the agent's actions on a conversation. */
export function registerConversationRoutes(app: FastifyInstance, services: Services) {
  const db = services.db.kysely;

  async function present(id: number) {
    const row = await getConversation(db, id);
    if (!row) throw new NotFoundError(`conversation ${id}`);
    return (await presentConversations(db, [row]))[0]!;
  }

  route(app, c.list, async ({ query: q, actor }) => {
    // a forged or mangled cursor is refused rather than silently starting from the top
    if (q.cursor && !decodeCursor(q.cursor)) {
      throw new ValidationError('cursor is not one this server handed out: pass nextCursor as is');
    }
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

  route(app, c.get, async ({ params: { id } }) => {
    const detail = await loadConversationDetail(db, id);
    if (!detail) throw new NotFoundError(`conversation ${id}`);
    return { ...detail, viewers: await conversationViewers(services, id) };
  });

  route(app, c.reply, ({ params: { id }, body: { text, template, shuntReason }, actor }) =>
    submitReply(services, actor, id, text, { template, shuntReason }),
  );

  route(app, c.note, async ({ params: { id }, body: { text }, actor }) => ({
    note: await addNote(services, actor, id, text),
  }));

  route(app, c.assign, async ({ params: { id }, body: { assigneeId }, actor }) => {
    await assignConversation(services, actor, id, assigneeId);
    return { conversation: await present(id) };
  });

  route(app, c.labels, async ({ params: { id }, body: { add, remove }, actor }) => {
    await labelConversation(services, actor, id, add, remove);
    return { conversation: await present(id) };
  });

  route(app, c.status, async ({ params: { id }, body: { status, snoozedUntil }, actor }) => {
    await setConversationStatus(services, actor, id, status, snoozedUntil);
    return { conversation: await present(id) };
  });

  route(app, c.presence, async ({ params: { id }, body: { state }, actor }) => {
    if (actor.userId === null) throw new ValidationError('presence needs a user');
    return { viewers: await reportPresence(services, { id: actor.userId, name: actor.name }, id, state) };
  });

  route(app, c.labelList, async () => ({ items: await listLabels(db) }));
}
