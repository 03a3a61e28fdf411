import { query, request, setCsrfToken } from './client.js';
import type {
  AuthState,
  ConversationDetail,
  ConversationPage,
  ConversationQuery,
  ConversationStatus,
  ConversationSummary,
  Label,
  Message,
  Note,
  PresenceState,
  SignedIn,
  User,
  Viewer,
} from './types.js';

const v1 = '/api/v1';

/** Typed calls for every route the inbox uses (docs/API.md). */
export const api = {
  async authState(): Promise<AuthState> {
    const state = await request<AuthState>('GET', `${v1}/auth/state`);
    setCsrfToken(state.csrfToken);
    return state;
  },
  async setup(input: { email: string; name: string; password: string }): Promise<SignedIn> {
    const answer = await request<SignedIn>('POST', `${v1}/auth/setup`, input);
    setCsrfToken(answer.csrfToken);
    return answer;
  },
  async login(input: { email: string; password: string }): Promise<SignedIn> {
    const answer = await request<SignedIn>('POST', `${v1}/auth/login`, input);
    setCsrfToken(answer.csrfToken);
    return answer;
  },
  async logout(): Promise<void> {
    await request<{ ok: boolean }>('POST', `${v1}/auth/logout`);
    setCsrfToken(null);
  },
  users: () => request<{ items: User[] }>('GET', `${v1}/users`),
  labels: () => request<{ items: Label[] }>('GET', `${v1}/labels`),

  conversations(q: ConversationQuery): Promise<ConversationPage> {
    return request<ConversationPage>(
      'GET',
      `${v1}/conversations${query({
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
        cursor: q.cursor,
      })}`,
    );
  },
  conversation: (id: number) => request<ConversationDetail>('GET', `${v1}/conversations/${id}`),
  reply: (id: number, text: string) =>
    request<{ message: Message }>('POST', `${v1}/conversations/${id}/reply`, { text }),
  note: (id: number, text: string) =>
    request<{ note: Note }>('POST', `${v1}/conversations/${id}/notes`, { text }),
  assign: (id: number, assigneeId: number | null) =>
    request<{ conversation: ConversationSummary }>('POST', `${v1}/conversations/${id}/assign`, {
      assigneeId,
    }),
  setLabels: (id: number, change: { add?: string[]; remove?: string[] }) =>
    request<{ conversation: ConversationSummary }>('POST', `${v1}/conversations/${id}/labels`, change),
  setStatus: (id: number, status: ConversationStatus, snoozedUntil?: number) =>
    request<{ conversation: ConversationSummary }>('POST', `${v1}/conversations/${id}/status`, {
      status,
      ...(snoozedUntil === undefined ? {} : { snoozedUntil }),
    }),
  presence: (id: number, state: PresenceState) =>
    request<{ viewers: Viewer[] }>('POST', `${v1}/conversations/${id}/presence`, { state }),
  retry: (messageId: number) => request<{ message: Message }>('POST', `${v1}/messages/${messageId}/retry`),
};
