/** Wire types of the Rapport HTTP API v1, as described in docs/API.md. Times are epoch ms. */

export type Role = 'admin' | 'agent' | 'viewer';
export type ConversationStatus = 'open' | 'pending' | 'snoozed' | 'resolved';
export type Sentiment = 'negative' | 'neutral' | 'positive';
export type Direction = 'inbound' | 'outbound';
export type DeliveryStatus = 'received' | 'queued' | 'sending' | 'sent' | 'failed';
export type View = 'all' | 'mine' | 'unassigned' | 'negative' | 'breaching';
export type SortOrder = 'priority' | 'waiting' | 'recent' | 'due';
export type PresenceState = 'viewing' | 'replying' | 'left';

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
}

export interface AuthState {
  needsSetup: boolean;
  user: User | null;
  csrfToken: string | null;
}

export interface SignedIn {
  user: User;
  csrfToken: string;
}

export interface ConversationSummary {
  id: number;
  channel: string;
  status: ConversationStatus;
  priority: number;
  sentiment: Sentiment | null;
  snoozedUntil: number | null;
  assignee: { id: number; name: string } | null;
  contact: { id: number; name: string | null; handle: string | null } | null;
  lastMessage: { preview: string; direction: Direction; at: number };
  /** The email subject of the customer's first message (null for channels without subjects). */
  subject?: string | null;
  waitingSince: number | null;
  /** When the current wait must be answered (server extension beyond docs/API.md; may be absent). */
  replyDueAt?: number | null;
  firstResponseDueAt: number | null;
  firstResponseAt: number | null;
  messageCount: number;
  labels: string[];
  createdAt: number;
  updatedAt: number;
}

export interface Triage {
  urgency: string[];
  complaintType: string | null;
  explanation: string[];
  model: string;
}

export interface Message {
  id: number;
  externalId: string;
  channel: string;
  direction: Direction;
  author: { externalId: string | null; handle: string | null; name: string | null };
  text: string;
  createdAt: number;
  inReplyTo: string | null;
  url: string | null;
  sentiment: Sentiment | null;
  sentimentScore: number | null;
  intent: string | null;
  priority: number | null;
  triage: Triage | null;
  deliveryStatus: DeliveryStatus;
  deliveryError: string | null;
  sender: { id: number; name: string } | null;
  /** Files that came with the message (emails); `url` is null when the file was not kept. */
  attachments?: Attachment[];
  /** Channel context worth showing: email subject, found by a listening search. */
  context?: {
    subject: string | null;
    foundBy: 'listening' | null;
    keyword: string | null;
    quoteOf: string | null;
    engagements?: Record<string, { status: 'queued' | 'done' | 'failed'; error: string | null }>;
  };
}

export interface Attachment {
  id: number;
  filename: string;
  contentType: string;
  size: number;
  omittedReason: string | null;
  url: string | null;
}

export interface Note {
  id: number;
  author: { id: number; name: string };
  text: string;
  mentions: number[];
  createdAt: number;
}

export interface ContactIdentity {
  channel: string;
  externalId: string;
  handle: string | null;
  name: string | null;
}

export interface ContactDetail {
  id: number;
  name: string | null;
  lifecycle: string;
  followerCount: number | null;
  identities: ContactIdentity[];
  pastConversations: { id: number; status: ConversationStatus; lastMessageAt: number; preview: string }[];
}

export interface ConversationDetail {
  conversation: ConversationSummary;
  messages: Message[];
  notes: Note[];
  contact: ContactDetail | null;
}

export interface ConversationPage {
  items: ConversationSummary[];
  nextCursor: string | null;
}

export interface ConversationQuery {
  view?: View;
  status?: ConversationStatus[];
  channel?: string;
  sentiment?: Sentiment;
  assignee?: number | 'me' | 'none';
  label?: string;
  priorityMin?: number;
  q?: string;
  sort?: SortOrder;
  limit?: number;
  cursor?: string | null;
}

export interface Viewer {
  userId: number;
  name: string;
  state: PresenceState;
}

export interface Label {
  id: number;
  name: string;
  color: string | null;
}

/** Events of GET /api/v1/stream. */
export type StreamEvent =
  | { type: 'conversation.updated'; data: { conversationId: number; reason: string } }
  | {
      type: 'message.created';
      data: {
        conversationId: number;
        messageId: number;
        direction: Direction;
        sentiment: Sentiment | null;
        priority: number | null;
      };
    }
  | { type: 'presence'; data: { conversationId: number; viewers: Viewer[] } }
  | { type: 'alert'; data: { kind: string; channel: string; [key: string]: unknown } }
  | { type: 'channels.changed'; data: { accountId: number } };
