import { type AddressObject, type Attachment, type ParsedMail, simpleParser } from 'mailparser';
import type { IncomingMessageInput } from '../../domain/message-format.js';
import type { InboundAttachment } from '../types.js';
import { classifyMail, type MailKind } from './classify.js';
import { htmlToPlainText, sanitizeEmailHtml } from './html.js';
import { messageIdsIn, normalizeMessageId, syntheticMessageIdOf } from './message-id.js';
import { stripQuotedReply } from './quotes.js';
import { bytesOf, headOf, type RawMail, sha256Of, sizeOf, streamOf } from './spool.js';
import { subjectThreadKey } from './subject.js';

/** What parsing needs to know about the mailbox and the moment of arrival. */
export interface ParseOptions {
  /** The account's own address (mail from it is the brand's, not a customer's). */
  mailbox: string;
  attachmentMaxBytes: number;
  /** When the mail arrived (epoch ms): the fallback for a missing or absurd Date header. */
  receivedAt: number;
  /** SMTP envelope sender when known ('' for the null sender). */
  envelopeFrom?: string | null;
}

/** A parsed mail: a message for the inbox, or a machine's mail that must not become one. */
export type ParsedEmail =
  | { kind: 'message'; message: IncomingMessageInput; attachments: InboundAttachment[] }
  | (Exclude<MailKind, { kind: 'customer' }> & { externalId: string; from: string | null; subject: string });

const MAX_TEXT = 100_000;
const MAX_META_JSON = 15_000;
const MAX_LISTED_ADDRESSES = 20;

/**
 * Turns a raw RFC 5322 mail into the core message format: Message-ID as external id (a hash of
 * the bytes when it has none), the sender as author, the text part (or text from the HTML) as
 * text, In-Reply-To/References and a subject+sender key for threading, and the headers an email
 * reply needs in meta. Auto-replies and bounces come back classified instead. Never throws: a mail
 * mailparser cannot read becomes a message saying so, with the original attached. A spooled mail
 * is read from its file as a stream, never whole into memory first.
 */
export async function parseEmail(raw: RawMail, options: ParseOptions): Promise<ParsedEmail> {
  let mail: ParsedMail;
  try {
    mail = await simpleParser(streamOf(raw), {
      keepCidLinks: true,
      skipImageLinks: true,
      skipTextToHtml: true,
      skipHtmlToText: true,
      maxChildNodes: 500,
      checksumAlgo: false,
    });
  } catch (error) {
    return unreadable(raw, options, error as Error);
  }
  const headers = new Map<string, string>();
  for (const { key, line } of mail.headerLines) {
    if (!headers.has(key))
      headers.set(
        key,
        line
          .slice(line.indexOf(':') + 1)
          .replace(/\r?\n[ \t]*/g, ' ')
          .trim(),
      );
  }
  const sender = firstAddress(mail.from) ?? envelopeAddress(options.envelopeFrom);
  const externalId = normalizeMessageId(mail.messageId) ?? syntheticMessageIdOf(sha256Of(raw));
  const subject = (mail.subject ?? '').trim();
  const kind = classifyMail({
    headers,
    fromAddress: sender?.address ?? null,
    fromName: sender?.name ?? null,
    subject,
    envelopeFrom: options.envelopeFrom,
    rawText: (await headOf(raw, 256 * 1024)).toString('latin1'),
  });
  if (kind.kind !== 'customer') return { ...kind, externalId, from: sender?.address ?? null, subject };

  const mailbox = options.mailbox.toLowerCase();
  const address = sender?.address ?? 'unknown-sender@rapport.invalid';
  const html = typeof mail.html === 'string' ? mail.html : null;
  const attachments = mail.attachments.map((a, i) => attachmentOf(a, i, options.attachmentMaxBytes));
  const references = messageIdsIn(mail.references).filter((id) => id !== externalId);
  const inReplyTo = messageIdsIn(mail.inReplyTo).find((id) => id !== externalId) ?? references.at(-1) ?? null;
  const meta: Record<string, unknown> = {
    subject: subject.slice(0, 1000),
    messageId: externalId,
    references: references.length > 50 ? [references[0], ...references.slice(-49)] : references,
    from: address,
    replyTo: firstAddress(mail.replyTo)?.address ?? null,
    to: addresses(mail.to),
    cc: addresses(mail.cc),
  };
  let text = bodyText(mail, html, attachments);
  // a reply's quoted history is already in the conversation; a forward's content is the point
  if (inReplyTo && !/^\s*(fwd?|wg|tr|doorst|enc|rv|vb)\s*:/i.test(subject)) {
    const stripped = stripQuotedReply(text);
    if (stripped.trimmed > 0) meta.quoteTrimmed = stripped.trimmed;
    text = stripped.text;
  }
  const safeHtml = html ? sanitizeEmailHtml(html) : null;
  if (safeHtml && JSON.stringify({ ...meta, html: safeHtml }).length <= MAX_META_JSON) meta.html = safeHtml;
  else if (safeHtml !== null || html) meta.htmlOmitted = 'too large to keep';

  const message: IncomingMessageInput = {
    channel: 'email',
    external_id: externalId,
    direction: address === mailbox ? 'outbound' : 'inbound',
    author: { id: address, handle: address, name: sender?.name || null },
    text,
    created_at: new Date(sentAt(mail.date, options.receivedAt)).toISOString(),
    in_reply_to: inReplyTo,
    thread_id: subjectThreadKey(mailbox, address, subject),
    meta,
  };
  return { kind: 'message', message, attachments };
}

function bodyText(mail: ParsedMail, html: string | null, attachments: InboundAttachment[]): string {
  let text = (mail.text ?? '').trim();
  if (!text && html) text = htmlToPlainText(html);
  if (!text) {
    text = attachments.length
      ? `(no text; attached: ${attachments.map((a) => a.filename).join(', ')})`
      : '(empty message)';
  }
  if (text.length > MAX_TEXT) {
    const note = '\n\n[… the rest of this email was cut: it is longer than 100,000 characters]';
    text = text.slice(0, MAX_TEXT - note.length) + note;
  }
  return text;
}

/** The Date header, unless it is missing, unparseable or more than a day in the future. */
function sentAt(date: Date | undefined, receivedAt: number): number {
  const t = date?.getTime();
  return t !== undefined && Number.isFinite(t) && t > 0 && t <= receivedAt + 86_400_000 ? t : receivedAt;
}

function firstAddress(header: AddressObject | AddressObject[] | undefined) {
  const list = (Array.isArray(header) ? header : header ? [header] : []).flatMap((h) => h.value);
  const flat = list.flatMap((a) => (a.group ? a.group : [a]));
  const found = flat.find((a) => a.address?.includes('@'));
  return found?.address ? { address: found.address.trim().toLowerCase(), name: found.name.trim() } : null;
}

function envelopeAddress(envelopeFrom: string | null | undefined) {
  return envelopeFrom?.includes('@') ? { address: envelopeFrom.toLowerCase(), name: '' } : null;
}

function addresses(header: AddressObject | AddressObject[] | undefined): string[] {
  const list = (Array.isArray(header) ? header : header ? [header] : []).flatMap((h) => h.value);
  return list
    .flatMap((a) => (a.group ? a.group : [a]))
    .map((a) => a.address?.toLowerCase())
    .filter((a): a is string => Boolean(a))
    .slice(0, MAX_LISTED_ADDRESSES);
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'text/calendar': 'ics',
  'message/rfc822': 'eml',
};

/** An attachment within the size cap keeps its bytes; a bigger one keeps its name and size only. */
export function attachmentOf(a: Attachment, index: number, maxBytes: number): InboundAttachment {
  const type = (a.contentType || 'application/octet-stream').toLowerCase().slice(0, 200);
  const named = [...(a.filename ?? '')]
    .map((c) => (c === '/' || c === '\\' || c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? '_' : c))
    .join('')
    .trim();
  const filename = named.slice(0, 200) || `attachment-${index + 1}.${EXTENSIONS[type] ?? 'bin'}`;
  const size = a.size ?? a.content.length;
  if (size > maxBytes) {
    return {
      filename,
      contentType: type,
      size,
      data: null,
      omittedReason: `larger than the ${formatBytes(maxBytes)} attachment limit`,
    };
  }
  return { filename, contentType: type, size, data: a.content };
}

/** "10 MB", "512 kB": sizes as people read them. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} kB`;
  return `${n} bytes`;
}

/** A mail the parser gave up on still reaches the inbox, saying so, with the original attached. */
async function unreadable(raw: RawMail, options: ParseOptions, error: Error): Promise<ParsedEmail> {
  const head = (await headOf(raw, 64 * 1024)).toString('latin1');
  const headerEnd = head.search(/\r?\n\r?\n/);
  const headerText = headerEnd >= 0 ? head.slice(0, headerEnd) : head;
  const from =
    /^From:.*?<?([^\s<>"]+@[^\s<>"]+)>?\s*$/im.exec(headerText)?.[1]?.toLowerCase() ??
    envelopeAddress(options.envelopeFrom)?.address ??
    'unknown-sender@rapport.invalid';
  const externalId =
    normalizeMessageId(/^Message-ID:\s*(.+)$/im.exec(headerText)?.[1]) ?? syntheticMessageIdOf(sha256Of(raw));
  const subject = /^Subject:\s*(.*)$/im.exec(headerText)?.[1]?.trim().slice(0, 500) ?? '';
  const size = sizeOf(raw);
  const original = {
    filename: 'original.eml',
    contentType: 'message/rfc822',
    size,
    data: size <= options.attachmentMaxBytes ? await bytesOf(raw) : null,
    omittedReason:
      size <= options.attachmentMaxBytes
        ? null
        : `larger than the ${formatBytes(options.attachmentMaxBytes)} attachment limit`,
  };
  return {
    kind: 'message',
    attachments: [original],
    message: {
      channel: 'email',
      external_id: externalId,
      direction: 'inbound',
      author: { id: from, handle: from, name: null },
      text: `This email could not be read (${error.message.slice(0, 200)}). The original is attached as original.eml.`,
      created_at: new Date(options.receivedAt).toISOString(),
      in_reply_to: null,
      thread_id: subjectThreadKey(options.mailbox, from, subject),
      meta: { subject, messageId: externalId, references: [], from, unreadable: true },
    },
  };
}
