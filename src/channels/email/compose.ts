import { SendError } from '../../platform/errors.js';
import type { OutboundMessage } from '../types.js';
import { headerId, replyMessageId } from './message-id.js';
import type { EmailSettings } from './settings.js';
import { replySubject } from './subject.js';

/** An agent's reply as an email, before it meets the SMTP transport. */
export interface ComposedReply {
  /** Our Message-ID without brackets: the reply's external id (the customer's answer points at it). */
  messageId: string;
  from: { name: string; address: string };
  to: { name: string; address: string };
  subject: string;
  /** Header forms (`<id>`). */
  inReplyTo: string | null;
  references: string[];
  text: string;
}

const MAX_REFERENCES = 20;

/**
 * Builds the reply mail so the customer's client threads it: Subject "Re: <their subject>",
 * In-Reply-To their Message-ID, References their chain plus their message, From "Agent via Brand"
 * <support address>, To their Reply-To or From. Pure, so threading rules are unit-tested.
 */
export function composeReply(
  message: OutboundMessage,
  settings: EmailSettings,
  brand: string,
): ComposedReply {
  const parentMeta = message.parent?.meta ?? null;
  const to = recipientOf(message, parentMeta);
  const parentId = stringOr(parentMeta?.messageId) ?? message.parent?.externalId ?? message.inReplyTo;
  const parentRefs = Array.isArray(parentMeta?.references)
    ? parentMeta.references.filter((r): r is string => typeof r === 'string')
    : [];
  const chain = [
    ...(parentRefs.length > 0 ? parentRefs : message.references.filter((id) => looksLikeMessageId(id))),
    ...(parentId ? [parentId] : []),
  ].filter((id, i, all) => looksLikeMessageId(id) && all.indexOf(id) === i);
  // RFC 5322 §3.6.4: keep the first (the thread's root) and the most recent ones
  const references =
    chain.length > MAX_REFERENCES ? [chain[0]!, ...chain.slice(-(MAX_REFERENCES - 1))] : chain;
  const subject = stringOr(parentMeta?.subject);
  const brandName = settings.fromName?.trim() || brand;
  const agent = message.senderName?.trim();
  return {
    messageId: replyMessageId(message.localId, settings.address),
    from: {
      name: settings.agentNameInFrom && agent ? `${agent} via ${brandName}` : brandName,
      address: settings.address,
    },
    to,
    subject: message.parent
      ? replySubject(subject)
      : subject
        ? replySubject(subject)
        : `Message from ${brandName}`,
    inReplyTo: parentId && looksLikeMessageId(parentId) ? headerId(parentId) : null,
    references: references.map(headerId),
    text: message.text,
  };
}

function recipientOf(message: OutboundMessage, parentMeta: Record<string, unknown> | null) {
  const candidates = [
    stringOr(parentMeta?.replyTo),
    message.recipient?.handle ?? null,
    message.recipient?.externalId ?? null,
    stringOr(parentMeta?.from),
  ];
  const address = candidates.find((c) => c && /^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/.test(c));
  if (!address) {
    throw new SendError('no email address to reply to: the customer message has no usable sender', false);
  }
  return { name: message.recipient?.name ?? '', address };
}

function stringOr(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** Rapport's own not-yet-sent ids ("rapport:…") and other channels' ids are not Message-IDs. */
function looksLikeMessageId(id: string): boolean {
  return id.includes('@') && !/[\s<>]/.test(id);
}
