import type { IncomingMessageInput } from '../../domain/message-format.js';
import type { MessageRow } from '../../store/schema.js';
import type { VisitorProfile, WidgetMessage } from './protocol.js';

/** The channel name chat messages are stored under. */
export const CHAT_CHANNEL = 'chat';

/** One conversation per visitor: its thread key is derived from the (server-issued) visitor id. */
export function threadKeyOf(visitorId: string): string {
  return `visitor:${visitorId}`;
}

/** The visitor a chat conversation's thread key belongs to, or null. */
export function visitorOfThreadKey(threadKey: string | null): string | null {
  return threadKey?.startsWith('visitor:') ? threadKey.slice('visitor:'.length) : null;
}

/**
 * A visitor message's external id: the widget's UUID inside the visitor's own namespace, so a
 * resend dedupes, and one visitor can never collide with (or probe for) another's message ids.
 */
export function externalIdOf(visitorId: string, clientId: string): string {
  return `${visitorId}:${clientId}`;
}

/** Control characters other than tab and newline (NUL, escapes, bidi overrides stay out of the inbox). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters removed
const UNWANTED = /[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;

/** Cleans visitor text: CRLF to LF, control characters removed, surrounding whitespace trimmed. */
export function cleanVisitorText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNWANTED, '').trim();
}

/** The page URL the visitor wrote from, when it is a plain http(s) URL; anything else is dropped. */
export function cleanPageUrl(page: string | null | undefined): string | null {
  if (!page) return null;
  try {
    const url = new URL(page);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href.slice(0, 2048) : null;
  } catch {
    return null;
  }
}

/**
 * A visitor's chat message in the core format: author = the visitor (name and email as they left
 * them), threaded by visitor, timestamped by the server (never the browser's clock).
 */
export function visitorMessageInput(input: {
  visitorId: string;
  clientId: string;
  text: string;
  profile: VisitorProfile;
  page: string | null;
  now: number;
}): IncomingMessageInput {
  return {
    channel: CHAT_CHANNEL,
    external_id: externalIdOf(input.visitorId, input.clientId),
    direction: 'inbound',
    author: { id: input.visitorId, handle: input.profile.email, name: input.profile.name },
    text: cleanVisitorText(input.text),
    created_at: new Date(input.now).toISOString(),
    thread_id: threadKeyOf(input.visitorId),
    meta: input.page ? { page: input.page } : null,
  };
}

/** The columns of a stored message the widget needs. */
export type WidgetMessageRow = Pick<
  MessageRow,
  'id' | 'external_id' | 'direction' | 'text' | 'created_at' | 'author_name' | 'in_reply_to'
>;

/**
 * A stored message of the visitor's own conversation, as the widget shows it. Only the fields a
 * visitor may see: no triage, no agent ids, no delivery details.
 */
export function widgetMessageOf(row: WidgetMessageRow, visitorId: string): WidgetMessage {
  const own = `${visitorId}:`;
  const clientOf = (externalId: string | null) =>
    externalId?.startsWith(own) ? externalId.slice(own.length) : null;
  const inbound = row.direction === 'inbound';
  return {
    id: String(row.id),
    clientId: inbound ? clientOf(row.external_id) : null,
    from: inbound ? 'visitor' : 'agent',
    text: row.text,
    at: row.created_at,
    name: inbound ? null : (row.author_name ?? null),
    replyTo: inbound ? null : clientOf(row.in_reply_to),
  };
}
