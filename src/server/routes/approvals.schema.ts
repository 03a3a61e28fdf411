/** Contracts of approvals (replies held for a reviewer) and each person's voice (signature, display names). */
import { z } from 'zod';
import { defineRoute } from '../../contract/api-contract.js';
import { epochMs, idParams } from './common.schema.js';
import { messageSchema } from './conversation-views.schema.js';

const id = z.number().int().positive();
const statuses = ['pending', 'approved', 'returned'] as const;

/** A reply held for approval. */
export const heldReplySchema = z
  .object({
    id,
    conversationId: id,
    channel: z.string(),
    contactName: z.string().nullable(),
    author: z.object({ userId: id.nullable(), name: z.string().describe('the name the reply carries') }),
    text: z.string().describe('what will be (or was) sent: the reviewer may have edited it'),
    submittedText: z.string(),
    reasons: z
      .array(z.enum(['in_training', 'conversation']))
      .describe('in_training: the author is in training; conversation: the conversation requires approval'),
    status: z.enum(statuses),
    comment: z.string().nullable().describe("the reviewer's comment when sent back"),
    decidedBy: z.object({ userId: id, name: z.string() }).nullable(),
    decidedAt: epochMs.nullable(),
    messageId: id.nullable().describe('the queued reply, once approved'),
    createdAt: epochMs,
  })
  .meta({ id: 'HeldReply' });

/** A person's voice and approval flags. */
export const voiceSchema = z
  .object({
    userId: id,
    name: z.string(),
    signature: z.string().nullable(),
    displayNames: z.record(z.string(), z.string()).describe('channel → the name replies carry there'),
    inTraining: z.boolean().describe('replies are held for approval'),
    reviewer: z.boolean().describe('may approve held replies (admins always may)'),
  })
  .meta({ id: 'AgentVoice' });

const agent = { role: 'agent' } as const;
const tag = 'Approvals and voice';
const voiceAnswer = z.object({ voice: voiceSchema });

/** The approval and voice routes' contracts, by operation. */
export const approvalRoutes = {
  list: defineRoute({
    operationId: 'listHeldReplies',
    method: 'GET',
    path: '/api/v1/approvals',
    // a viewer opening a conversation reads it too (and sees nothing held: viewers cannot reply)
    auth: { role: 'viewer' },
    tag,
    summary: 'Replies held for approval (reviewers see everyone’s, others their own)',
    query: z.object({
      status: z.enum(statuses).optional(),
      conversationId: z.coerce.number().int().positive().optional(),
    }),
    response: z.object({ items: z.array(heldReplySchema), reviewer: z.boolean() }),
  }),
  approve: defineRoute({
    operationId: 'approveHeldReply',
    method: 'POST',
    path: '/api/v1/approvals/:id/approve',
    auth: agent,
    tag,
    summary: 'Approve a held reply (optionally edited): it is queued for sending, exactly once',
    description:
      'A retried request, or a second reviewer approving at the same time, gets the reply as approved and sends nothing more.',
    params: idParams,
    bodyOptional: true,
    body: z.object({ text: z.string().trim().min(1).max(100_000).optional() }).strict(),
    response: z.object({ approval: heldReplySchema, message: messageSchema.nullable() }),
  }),
  sendBack: defineRoute({
    operationId: 'returnHeldReply',
    method: 'POST',
    path: '/api/v1/approvals/:id/return',
    auth: agent,
    tag,
    summary: 'Send a held reply back to its author with a comment (nothing is sent)',
    params: idParams,
    body: z.object({ comment: z.string().trim().min(1).max(2000) }).strict(),
    response: z.object({ approval: heldReplySchema }),
  }),
  myVoice: defineRoute({
    operationId: 'getMyVoice',
    method: 'GET',
    path: '/api/v1/me/voice',
    auth: { role: 'viewer' },
    tag,
    summary: 'The caller’s signature, display names per channel and approval flags',
    response: voiceAnswer,
  }),
  updateMyVoice: defineRoute({
    operationId: 'updateMyVoice',
    method: 'PATCH',
    path: '/api/v1/me/voice',
    auth: { role: 'viewer' },
    tag,
    summary: 'Change the caller’s signature or display names (an empty name removes it)',
    body: z
      .object({
        signature: z.string().max(200).nullable().optional(),
        displayNames: z.record(z.string().max(50), z.string().max(100)).optional(),
      })
      .strict(),
    response: voiceAnswer,
  }),
  userVoice: defineRoute({
    operationId: 'getUserVoice',
    method: 'GET',
    path: '/api/v1/users/:id/voice',
    auth: { role: 'admin' },
    tag,
    summary: 'A team member’s voice and approval flags',
    params: idParams,
    response: voiceAnswer,
  }),
  setFlags: defineRoute({
    operationId: 'setUserApprovalFlags',
    method: 'PATCH',
    path: '/api/v1/users/:id/approval',
    auth: { role: 'admin' },
    tag,
    summary: 'Mark a team member as in training (replies held) or as a reviewer',
    params: idParams,
    body: z.object({ inTraining: z.boolean().optional(), reviewer: z.boolean().optional() }).strict(),
    response: voiceAnswer,
  }),
};
