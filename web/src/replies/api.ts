import type { ResponseOf } from '../../../src/contract/api-contract.js';
import { approvalRoutes } from '../../../src/server/routes/approvals.schema.js';
import { playbookRoutes } from '../../../src/server/routes/playbooks.schema.js';
import { call } from '../api/client.js';

/** A saved reply as the API shows it. */
export type SavedReply = ResponseOf<typeof playbookRoutes.listSaved>['items'][number];
/** A held reply as the API shows it. */
export type HeldReply = ResponseOf<typeof approvalRoutes.list>['items'][number];
/** The playbook answer for one conversation. */
export type ConversationPlaybook = ResponseOf<typeof playbookRoutes.forConversation>;

let savedOnce: Promise<SavedReply[]> | null = null;

/** Typed calls for saved replies, playbooks, approvals and the caller's voice. */
export const repliesApi = {
  /** Saved replies, fetched once per page load (the `/` menu opens instantly after). */
  savedReplies(): Promise<SavedReply[]> {
    savedOnce ??= call(playbookRoutes.listSaved).then(
      (a) => a.items,
      (err: unknown) => {
        savedOnce = null;
        throw err;
      },
    );
    return savedOnce;
  },
  render: (id: number, conversationId: number) =>
    call(playbookRoutes.render, { params: { id }, body: { conversationId } }),
  playbook: (conversationId: number) =>
    call(playbookRoutes.forConversation, { params: { id: conversationId } }),
  approvals: (query: { status?: 'pending' | 'approved' | 'returned'; conversationId?: number }) =>
    call(approvalRoutes.list, { query }),
  approve: (id: number, text?: string) =>
    call(approvalRoutes.approve, { params: { id }, body: text === undefined ? {} : { text } }),
  sendBack: (id: number, comment: string) =>
    call(approvalRoutes.sendBack, { params: { id }, body: { comment } }),
  myVoice: () => call(approvalRoutes.myVoice),
};
