import type { ShuntReason } from '../../../src/guidelines/types.js';
import { authRoutes } from '../../../src/server/routes/auth.schema.js';
import { conversationRoutes as conversations } from '../../../src/server/routes/conversations.schema.js';
import { messageRoutes } from '../../../src/server/routes/messages.schema.js';
import { userRoutes } from '../../../src/server/routes/users.schema.js';
import { call, setCsrfToken } from './client.js';
import type { ConversationQuery, ConversationStatus, PresenceState } from './types.js';

/** Typed calls for every route the inbox uses, made from the server's contracts (docs/API.md). */
export const api = {
  async authState() {
    const state = await call(authRoutes.state);
    setCsrfToken(state.csrfToken);
    return state;
  },
  async setup(input: { email: string; name: string; password: string }) {
    const answer = await call(authRoutes.setup, { body: input });
    setCsrfToken(answer.csrfToken);
    return answer;
  },
  async login(input: { email: string; password: string }) {
    const answer = await call(authRoutes.login, { body: input });
    setCsrfToken(answer.csrfToken);
    return answer;
  },
  async logout(): Promise<void> {
    await call(authRoutes.logout);
    setCsrfToken(null);
  },
  users: () => call(userRoutes.list),
  labels: () => call(conversations.labelList),

  conversations: (q: ConversationQuery) =>
    call(conversations.list, {
      query: {
        view: q.view,
        status: q.status?.join(','),
        channel: q.channel,
        sentiment: q.sentiment,
        assignee: q.assignee,
        label: q.label,
        priorityMin: q.priorityMin,
        q: q.q,
        sort: q.sort,
        limit: q.limit,
        cursor: q.cursor ?? undefined,
      },
    }),
  conversation: (id: number) => call(conversations.get, { params: { id } }),
  reply: (
    id: number,
    text: string,
    extras: { template?: { id: number; insertedText: string }; shuntReason?: ShuntReason } = {},
  ) =>
    call(conversations.reply, {
      params: { id },
      body: {
        text,
        ...(extras.template ? { template: extras.template } : {}),
        ...(extras.shuntReason ? { shuntReason: extras.shuntReason } : {}),
      },
    }),
  note: (id: number, text: string) => call(conversations.note, { params: { id }, body: { text } }),
  assign: (id: number, assigneeId: number | null) =>
    call(conversations.assign, { params: { id }, body: { assigneeId } }),
  setLabels: (id: number, change: { add?: string[]; remove?: string[] }) =>
    call(conversations.labels, { params: { id }, body: change }),
  setStatus: (id: number, status: ConversationStatus, snoozedUntil?: number) =>
    call(conversations.status, {
      params: { id },
      body: { status, ...(snoozedUntil === undefined ? {} : { snoozedUntil }) },
    }),
  presence: (id: number, state: PresenceState) =>
    call(conversations.presence, { params: { id }, body: { state } }),
  retry: (messageId: number) => call(messageRoutes.retry, { params: { id: messageId } }),
};
