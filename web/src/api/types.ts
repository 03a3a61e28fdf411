/**
 * Wire types of the Rapport HTTP API v1, derived from the server's own schemas
 * (src/server/routes/*.schema.ts), so they cannot drift from what the server sends. Times are epoch ms.
 */
import type { z } from 'zod';
import type {
  ConversationStatus,
  DeliveryStatus,
  Direction,
} from '../../../src/domain/conversation-words.js';
import type { Role } from '../../../src/domain/roles.js';
import type { authRoutes, signedInSchema } from '../../../src/server/routes/auth.schema.js';
import type {
  attachmentSchema,
  contactDetailSchema,
  conversationDetailSchema,
  conversationSummarySchema,
  labelSchema,
  messageSchema,
  noteSchema,
  triageSchema,
  viewerSchema,
} from '../../../src/server/routes/conversation-views.schema.js';
import type {
  conversationListQuery,
  conversationRoutes,
  presenceStates,
} from '../../../src/server/routes/conversations.schema.js';
import type { liveEventSchema } from '../../../src/server/routes/stream.schema.js';
import type { userSchema } from '../../../src/server/routes/users.schema.js';

export type { ConversationStatus, DeliveryStatus, Direction, Role };

export type User = z.output<typeof userSchema>;
export type AuthState = z.output<(typeof authRoutes)['state']['response']>;
export type SignedIn = z.output<typeof signedInSchema>;
export type ConversationSummary = z.output<typeof conversationSummarySchema>;
export type Sentiment = NonNullable<ConversationSummary['sentiment']>;
export type Triage = z.output<typeof triageSchema>;
export type Message = z.output<typeof messageSchema>;
export type Attachment = z.output<typeof attachmentSchema>;
export type Note = z.output<typeof noteSchema>;
export type ContactDetail = z.output<typeof contactDetailSchema>;
export type ContactIdentity = ContactDetail['identities'][number];
export type ConversationDetail = z.output<typeof conversationDetailSchema>;
export type ConversationPage = z.output<(typeof conversationRoutes)['list']['response']>;
export type Viewer = z.output<typeof viewerSchema>;
export type Label = z.output<typeof labelSchema>;
export type PresenceState = (typeof presenceStates)[number];

type ListQuery = z.output<typeof conversationListQuery>;
export type View = ListQuery['view'];
export type SortOrder = ListQuery['sort'];

/** The inbox's filters as the app holds them (GET /api/v1/conversations turns them into a query). */
export type ConversationQuery = Partial<Omit<ListQuery, 'cursor'>> & { cursor?: string | null };

type LiveEvent = z.output<typeof liveEventSchema>;

/** Events of GET /api/v1/stream: the SSE event name and its (checked) data. */
export type StreamEvent = {
  [T in LiveEvent['type']]: { type: T; data: Extract<LiveEvent, { type: T }> };
}[LiveEvent['type']];
