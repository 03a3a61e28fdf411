import type { Kysely, Selectable } from 'kysely';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.js';
import { presentMessage } from '../store/conversation-views.js';
import { getConversation, getMessage } from '../store/conversations-repo.js';
import { appendEvent } from '../store/events-repo.js';
import type { ConversationRow, Database, ReplyApprovalsTable } from '../store/schema.js';
import { type CommandActor, eventActor } from './actor.js';
import { type AgentVoice, displayNameFor, voiceOf } from './agent-voice.js';
import { queueReply } from './queue-reply.js';
import { recordTemplateUse, type TemplateUse } from './saved-reply-use.js';
import type { Services } from './services.js';

/**
 * Approvals (issue 14): replies from a person in training, or on a conversation that requires
 * approval, wait for a reviewer (an admin, or a person flagged reviewer), who approves (it is then
 * queued on the durable reply queue, exactly once), edits then approves, or sends it back with a
 * comment. Every decision is an audit event; `reply.held` lets an alerts listener tell reviewers.
 */
export type HoldReason = 'in_training' | 'conversation';

/** Why a reply would be held: its author is in training, or the conversation requires approval. */
export function holdReasons(
  voice: Pick<AgentVoice, 'inTraining' | 'reviewer'> | null,
  conv: Pick<ConversationRow, 'approval_required'>,
): HoldReason[] {
  const reasons: HoldReason[] = [];
  if (voice?.inTraining) reasons.push('in_training');
  if (conv.approval_required === 1 && !voice?.reviewer) reasons.push('conversation');
  return reasons;
}

/** Stores a held reply (and its saved-reply use) inside the reply's transaction; returns its id. */
export async function holdReply(
  trx: Kysely<Database>,
  services: Services,
  r: {
    conv: ConversationRow;
    actor: CommandActor;
    voice: AgentVoice | null;
    text: string;
    reasons: HoldReason[];
    options: { template?: TemplateUse };
  },
): Promise<number> {
  const now = services.clock.now();
  const row = await trx
    .insertInto('reply_approvals')
    .values({
      conversation_id: r.conv.id,
      author_user_id: r.actor.userId,
      author_name: r.voice ? displayNameFor(r.voice, r.conv.channel) : r.actor.name,
      text: r.text,
      submitted_text: r.text,
      reasons_json: JSON.stringify(r.reasons),
      template_json: r.options.template ? JSON.stringify(r.options.template) : null,
      status: 'pending',
      comment: null,
      decided_by: null,
      decided_at: null,
      message_id: null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (r.options.template) {
    await recordTemplateUse(trx, services, {
      conv: r.conv,
      actor: r.actor,
      voice: r.voice,
      template: r.options.template,
      text: r.text,
      messageId: null,
      approvalId: row.id,
    });
  }
  await appendEvent(trx, {
    at: now,
    actor: eventActor(r.actor),
    type: 'reply.held',
    conversationId: r.conv.id,
    data: { approvalId: row.id, authorUserId: r.actor.userId ?? 0, reasons: r.reasons },
  });
  return row.id;
}

type ApprovalRow = Selectable<ReplyApprovalsTable> & {
  decided_by_name: string | null;
  channel: string;
  contact_name: string | null;
};

function approvalRows(db: Kysely<Database>) {
  return db
    .selectFrom('reply_approvals as a')
    .innerJoin('conversations as c', 'c.id', 'a.conversation_id')
    .leftJoin('contacts as k', 'k.id', 'c.contact_id')
    .leftJoin('users as d', 'd.id', 'a.decided_by')
    .selectAll('a')
    .select(['c.channel as channel', 'k.name as contact_name', 'd.name as decided_by_name']);
}

function present(r: ApprovalRow) {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    channel: r.channel,
    contactName: r.contact_name,
    author: { userId: r.author_user_id, name: r.author_name },
    text: r.text,
    submittedText: r.submitted_text,
    reasons: JSON.parse(r.reasons_json) as HoldReason[],
    status: r.status,
    comment: r.comment,
    decidedBy: r.decided_by !== null ? { userId: r.decided_by, name: r.decided_by_name ?? '' } : null,
    decidedAt: r.decided_at,
    messageId: r.message_id,
    createdAt: r.created_at,
  };
}

/** A held reply as the API shows it. */
export type HeldReply = ReturnType<typeof present>;

/** One held reply, presented. */
export async function presentApprovalById(services: Services, id: number, db = services.db.kysely) {
  const row = await approvalRows(db).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`held reply ${id}`);
  return present(row);
}

/**
 * Held replies: reviewers see everyone's, others only their own. Filter by status (pending
 * first-in-first-out; decided ones newest first) and conversation.
 */
export async function listApprovals(
  services: Services,
  actor: CommandActor,
  filter: { status?: 'pending' | 'approved' | 'returned'; conversationId?: number },
) {
  const db = services.db.kysely;
  const reviewer = actor.userId !== null && (await voiceOf(db, actor.userId)).reviewer;
  let q = approvalRows(db);
  if (filter.status) q = q.where('a.status', '=', filter.status);
  if (filter.conversationId !== undefined) q = q.where('a.conversation_id', '=', filter.conversationId);
  if (!reviewer) q = q.where('a.author_user_id', '=', actor.userId ?? -1);
  const rows = await q
    .orderBy('a.created_at', filter.status === 'pending' ? 'asc' : 'desc')
    .orderBy('a.id', 'asc')
    .limit(200)
    .execute();
  return { items: rows.map(present), reviewer };
}

async function requireReviewer(services: Services, actor: CommandActor, authorUserId: number | null) {
  if (actor.userId === null) throw new ForbiddenError('approving needs a signed-in reviewer');
  const voice = await voiceOf(services.db.kysely, actor.userId);
  if (!voice.reviewer) throw new ForbiddenError('only reviewers (admins or people flagged reviewer) decide');
  if (authorUserId === actor.userId) throw new ForbiddenError('a reply needs someone else to approve it');
}

async function decidedAlready(trx: Kysely<Database>, _services: Services, id: number) {
  const row = await trx
    .selectFrom('reply_approvals')
    .select(['status'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`held reply ${id}`);
  return row.status;
}

/**
 * Approves a held reply (optionally with the reviewer's edited text): it is queued on the durable
 * reply queue in the same transaction as the decision. The decision is one conditional update,
 * so of two reviewers approving at once, or a retried request, only one queues it; the others get
 * the reply as it was approved.
 */
export async function approveReply(services: Services, actor: CommandActor, id: number, edited?: string) {
  const db = services.db.kysely;
  const before = await presentApprovalById(services, id);
  await requireReviewer(services, actor, before.author.userId);
  const text = edited?.trim() || before.text;
  if (!text) throw new ValidationError('a reply needs text');
  const now = services.clock.now();
  await db.transaction().execute(async (trx) => {
    const won = await trx
      .updateTable('reply_approvals')
      .set({ status: 'approved', text, decided_by: actor.userId, decided_at: now })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(won.numUpdatedRows) === 0) {
      const status = await decidedAlready(trx, services, id);
      if (status === 'returned') throw new ConflictError(`held reply ${id} was sent back to its author`);
      return; // approved already: nothing more is sent
    }
    const conv = await getConversation(trx, before.conversationId);
    if (!conv) throw new NotFoundError(`conversation ${before.conversationId}`);
    const messageId = await queueReply(trx, services, {
      conv,
      text,
      authorName: before.author.name,
      senderUserId: before.author.userId,
      actor: eventActor(actor),
      now,
    });
    await trx.updateTable('reply_approvals').set({ message_id: messageId }).where('id', '=', id).execute();
    await trx
      .updateTable('saved_reply_uses')
      .set({ message_id: messageId, sent_text: text })
      .where('approval_id', '=', id)
      .execute();
    await appendEvent(trx, {
      at: now,
      actor: eventActor(actor),
      type: 'reply.approved',
      conversationId: conv.id,
      data: { approvalId: id, messageId, edited: text !== before.submittedText },
    });
  });
  services.events.wake();
  const approval = await presentApprovalById(services, id);
  const message = approval.messageId !== null ? await getMessage(db, approval.messageId) : undefined;
  return { approval, message: message ? presentMessage(message, approval.author.name) : null };
}

/** Sends a held reply back to its author with the reviewer's comment (nothing is sent). */
export async function returnReply(services: Services, actor: CommandActor, id: number, comment: string) {
  const before = await presentApprovalById(services, id);
  await requireReviewer(services, actor, before.author.userId);
  const now = services.clock.now();
  await services.db.kysely.transaction().execute(async (trx) => {
    const won = await trx
      .updateTable('reply_approvals')
      .set({ status: 'returned', comment, decided_by: actor.userId, decided_at: now })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(won.numUpdatedRows) === 0) {
      const status = await decidedAlready(trx, services, id);
      if (status === 'approved') throw new ConflictError(`held reply ${id} was approved already`);
      return;
    }
    // a reply that was never sent used no saved reply
    await trx.deleteFrom('saved_reply_uses').where('approval_id', '=', id).execute();
    await appendEvent(trx, {
      at: now,
      actor: eventActor(actor),
      type: 'reply.returned',
      conversationId: before.conversationId,
      data: { approvalId: id, comment },
    });
  });
  services.events.wake();
  return presentApprovalById(services, id);
}
