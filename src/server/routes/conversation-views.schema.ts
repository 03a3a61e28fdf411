/**
 * The shapes the inbox reads: conversation summaries, messages, notes, contacts, viewers, labels.
 * Written from what src/store/conversation-views.ts really presents (the route handlers are typed
 * against these, and the API tests check every answer against them). Browser-safe (zod only).
 */
import { z } from 'zod';
import { conversationStatuses, deliveryStatuses, directions } from '../../domain/conversation-words.js';
import { sentiments } from '../../triage/types.js';
import { epochMs } from './common.schema.js';

const id = z.number().int().positive();
const nullableTime = epochMs.nullable();

/** A conversation as the inbox list shows it (denormalised: no message scan needed). */
export const conversationSummarySchema = z
  .object({
    id,
    channel: z.string(),
    status: z.enum(conversationStatuses),
    priority: z.number(),
    sentiment: z.enum(sentiments).nullable(),
    snoozedUntil: nullableTime,
    assignee: z.object({ id, name: z.string() }).nullable(),
    contact: z.object({ id, name: z.string().nullable(), handle: z.string().nullable() }).nullable(),
    lastMessage: z.object({ preview: z.string(), direction: z.enum(directions), at: epochMs }),
    subject: z
      .string()
      .nullable()
      .describe("the email subject of the customer's first message (null elsewhere)"),
    waitingSince: nullableTime.describe('when the customer started waiting for an answer'),
    replyDueAt: nullableTime.describe('when the current wait must be answered'),
    firstResponseDueAt: nullableTime,
    resolutionDueAt: nullableTime.describe(
      "when it should be resolved by (its SLA policy's resolution target)",
    ),
    history: z.boolean().describe('imported history: no live SLA timers until the customer writes again'),
    firstResponseAt: nullableTime,
    messageCount: z.number().int(),
    labels: z.array(z.string()),
    createdAt: epochMs,
    updatedAt: epochMs,
  })
  .meta({ id: 'ConversationSummary' });

/** What triage said about a customer's message (and who corrected it, once someone has). */
export const triageSchema = z
  .object({
    urgency: z.array(z.string()),
    complaintType: z.string().nullable(),
    explanation: z.array(z.string()),
    model: z.string(),
    language: z
      .string()
      .optional()
      .describe('ISO 639-1 code ("en", "de"…), else ISO 639-3, or "und"; absent on messages triaged before'),
    scored: z.literal(false).optional().describe('present when triage has no cues for the language'),
    correctedBy: id.nullable().optional().describe('the user who last corrected it'),
    correctedAt: epochMs.optional(),
    corrections: z
      .array(
        z.object({
          at: epochMs,
          by: z.object({ userId: id.nullable(), name: z.string() }),
          field: z.enum(['sentiment', 'intent', 'complaintType', 'urgency', 'language']),
          from: z.string().nullable().describe('urgency cues comma-separated; null is none'),
          to: z.string().nullable(),
        }),
      )
      .optional()
      .describe('what people changed, newest first (the last 10); absent until the first correction'),
  })
  .meta({ id: 'Triage' });

/** A file that came with a message; `url` is null when it was not kept (omittedReason says why). */
export const attachmentSchema = z
  .object({
    id,
    filename: z.string(),
    contentType: z.string(),
    size: z.number().int().min(0),
    omittedReason: z.string().nullable(),
    url: z.string().nullable(),
  })
  .meta({ id: 'Attachment' });

/** Channel context worth showing: email subject, found by a listening search, likes and reposts. */
export const messageContextSchema = z
  .object({
    subject: z.string().nullable(),
    foundBy: z.literal('listening').nullable(),
    keyword: z.string().nullable(),
    quoteOf: z.string().nullable(),
    engagements: z.record(
      z.string(),
      z.object({ status: z.enum(['queued', 'done', 'failed']), error: z.string().nullable() }),
    ),
  })
  .meta({ id: 'MessageContext' });

/** A message as the conversation view shows it. */
export const messageSchema = z
  .object({
    id,
    externalId: z.string(),
    channel: z.string(),
    direction: z.enum(directions),
    author: z.object({
      externalId: z.string().nullable(),
      handle: z.string().nullable(),
      name: z.string().nullable(),
    }),
    text: z.string(),
    createdAt: epochMs,
    inReplyTo: z.string().nullable(),
    url: z.string().nullable(),
    sentiment: z.enum(sentiments).nullable(),
    sentimentScore: z.number().nullable(),
    intent: z.string().nullable(),
    priority: z.number().nullable(),
    triage: triageSchema.nullable(),
    deliveryStatus: z.enum(deliveryStatuses),
    deliveryError: z.string().nullable(),
    sender: z.object({ id, name: z.string() }).nullable(),
    /** Present in the conversation view; replies and retries answer without it. */
    attachments: z.array(attachmentSchema).optional(),
    context: messageContextSchema,
  })
  .meta({ id: 'Message' });

/** A private note between agents; `mentions` are the ids of the @mentioned users. */
export const noteSchema = z
  .object({
    id,
    author: z.object({ id, name: z.string() }),
    text: z.string(),
    mentions: z.array(id),
    createdAt: epochMs,
  })
  .meta({ id: 'Note' });

/** The customer behind a conversation: identities on each channel and their other conversations. */
export const contactDetailSchema = z
  .object({
    id,
    name: z.string().nullable(),
    lifecycle: z.string(),
    followerCount: z.number().int().nullable(),
    insights: z
      .array(z.string())
      .describe("pinned insights about the person (their page's, shown while replying)"),
    identities: z.array(
      z.object({
        channel: z.string(),
        externalId: z.string(),
        handle: z.string().nullable(),
        name: z.string().nullable(),
      }),
    ),
    pastConversations: z.array(
      z.object({
        id,
        status: z.enum(conversationStatuses),
        lastMessageAt: epochMs,
        preview: z.string().describe('what the customer first asked (with its email subject)'),
      }),
    ),
  })
  .meta({ id: 'ContactDetail' });

/** Someone looking at (or typing in) a conversation. */
export const viewerSchema = z
  .object({ userId: id, name: z.string(), state: z.enum(['viewing', 'replying']) })
  .meta({ id: 'Viewer' });

/** Everything the conversation screen needs in one read. */
export const conversationDetailSchema = z
  .object({
    conversation: conversationSummarySchema,
    messages: z.array(messageSchema),
    notes: z.array(noteSchema),
    contact: contactDetailSchema.nullable(),
    viewers: z.array(viewerSchema),
  })
  .meta({ id: 'ConversationDetail' });

/** A label, for the filter menu. */
export const labelSchema = z
  .object({ id, name: z.string(), color: z.string().nullable() })
  .meta({ id: 'Label' });
