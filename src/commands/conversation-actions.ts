import { findMentions } from '../domain/mentions.js';
import { resummarize } from '../ingest/resummarize.js';
import { snoozePauses } from '../ingest/sla-clock.js';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors.js';
import {
  activeUsers,
  changeLabels,
  ensureLabels,
  getConversation,
  insertNote,
  updateConversation,
} from '../store/conversations-repo.js';
import { appendEvent } from '../store/events-repo.js';
import type { ConversationStatus } from '../store/schema.js';
import { type CommandActor, eventActor } from './actor.js';
import type { Services } from './services.js';

async function requireConversation(services: Services, id: number) {
  const conv = await getConversation(services.db.kysely, id);
  if (!conv) throw new NotFoundError(`conversation ${id}`);
  return conv;
}

/** Opens, parks, snoozes (until a time) or resolves a conversation. */
export async function setConversationStatus(
  services: Services,
  actor: CommandActor,
  id: number,
  status: ConversationStatus,
  snoozedUntil?: number | null,
) {
  const now = services.clock.now();
  if (status === 'snoozed' && (!snoozedUntil || snoozedUntil <= now)) {
    throw new ValidationError('snoozing needs snoozedUntil in the future');
  }
  const before = await requireConversation(services, id);
  await services.db.kysely.transaction().execute(async (trx) => {
    await updateConversation(trx, id, {
      status,
      snoozed_until: status === 'snoozed' ? snoozedUntil : null,
      updated_at: now,
    });
    // a snooze stops the SLA clock until it ends (at its time, or earlier when the status changes)
    if (status === 'snoozed') {
      const pauses = snoozePauses(before.sla_pauses_json, now, snoozedUntil!);
      await updateConversation(trx, id, { sla_pauses_json: JSON.stringify(pauses) });
      await resummarize(services, trx, [id], now);
    } else if (before.status === 'snoozed') {
      await resummarize(services, trx, [id], now, { unpaused: [id] });
    }
    await appendEvent(trx, {
      at: now,
      actor: eventActor(actor),
      type: 'conversation.status',
      conversationId: id,
      data: { status, snoozedUntil: snoozedUntil ?? null },
    });
  });
  services.events.wake();
}

/** Gives a conversation to a teammate (or takes it back to the shared queue with null). */
export async function assignConversation(
  services: Services,
  actor: CommandActor,
  id: number,
  assigneeId: number | null,
) {
  const now = services.clock.now();
  await requireConversation(services, id);
  if (assigneeId !== null) {
    const users = await activeUsers(services.db.kysely);
    if (!users.some((u) => u.id === assigneeId)) throw new ValidationError(`no active user ${assigneeId}`);
  }
  await services.db.kysely.transaction().execute(async (trx) => {
    await updateConversation(trx, id, { assignee_id: assigneeId, updated_at: now });
    await appendEvent(trx, {
      at: now,
      actor: eventActor(actor),
      type: 'conversation.assigned',
      conversationId: id,
      data: { assigneeId },
    });
  });
  services.events.wake();
}

/** Adds and removes labels by name (new names become labels). */
export async function labelConversation(
  services: Services,
  actor: CommandActor,
  id: number,
  add: string[],
  remove: string[],
) {
  const now = services.clock.now();
  await requireConversation(services, id);
  const clean = (names: string[]) => [...new Set(names.map((n) => n.trim()).filter(Boolean))];
  const toAdd = clean(add);
  const toRemove = clean(remove);
  await services.db.kysely.transaction().execute(async (trx) => {
    const ids = await ensureLabels(trx, [...toAdd, ...toRemove], now);
    await changeLabels(
      trx,
      id,
      toAdd.map((n) => ids.get(n)!),
      toRemove.map((n) => ids.get(n)!),
    );
    await updateConversation(trx, id, { updated_at: now });
    await appendEvent(trx, {
      at: now,
      actor: eventActor(actor),
      type: 'conversation.labels',
      conversationId: id,
      data: { add: toAdd, remove: toRemove },
    });
  });
  services.events.wake();
}

/** Adds a private note; @mentions of teammates are resolved and recorded. */
export async function addNote(services: Services, actor: CommandActor, id: number, text: string) {
  if (actor.userId === null)
    throw new ConflictError('notes need a user: use a session or a token owned by a user');
  const now = services.clock.now();
  await requireConversation(services, id);
  const mentions = findMentions(text, await activeUsers(services.db.kysely));
  const noteId = await services.db.kysely.transaction().execute(async (trx) => {
    const noteId = await insertNote(trx, {
      conversationId: id,
      authorUserId: actor.userId!,
      text,
      mentions,
      now,
    });
    await appendEvent(trx, {
      at: now,
      actor: eventActor(actor),
      type: 'note.created',
      conversationId: id,
      data: { noteId, mentions },
    });
    return noteId;
  });
  services.events.wake();
  return { id: noteId, author: { id: actor.userId, name: actor.name }, text, mentions, createdAt: now };
}
