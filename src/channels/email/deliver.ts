import type { ChannelContext } from '../types.js';
import { parseEmail } from './parse.js';
import type { EmailSettings } from './settings.js';
import type { RawMail } from './spool.js';

/** What became of one inbound mail. */
export type DeliveryOutcome =
  | { status: 'stored'; externalId: string; duplicate: boolean }
  /** An auto-reply or a bounce: handled, but no customer message. */
  | { status: 'skipped'; externalId: string; reason: string }
  /** The mail cannot be stored, ever (retrying would not help). */
  | { status: 'rejected'; reason: string };

/**
 * The one path every inbound mail takes, from the SMTP listener or the IMAP poller: parse, drop
 * machines' mail (a bounce of one of our replies marks that reply failed), ingest the rest with its
 * attachments. Resolves only once the mail is stored; throws when storing failed (the caller must
 * not acknowledge the mail then, so it comes again).
 */
export async function deliverInboundMail(
  raw: RawMail,
  ctx: ChannelContext,
  settings: EmailSettings,
  envelope: {
    from?: string | null;
    /**
     * Whether mail "from" the account's own address may be stored as the brand's reply. True for
     * the IMAP mailbox (the provider authenticated it); false for Rapport's own SMTP listener,
     * where anyone can write any From header.
     */
    trustOwnAddress?: boolean;
  } = {},
): Promise<DeliveryOutcome> {
  const parsed = await parseEmail(raw, {
    mailbox: settings.address,
    attachmentMaxBytes: ctx.config.RAPPORT_ATTACHMENT_MAX_BYTES,
    receivedAt: ctx.clock.now(),
    envelopeFrom: envelope.from,
  });
  if (parsed.kind === 'bounce') {
    const log = { messageId: parsed.externalId, from: parsed.from, about: parsed.originalIds.slice(0, 5) };
    if (!parsed.failed) {
      ctx.logger.info({ ...log, reason: parsed.reason }, 'email delivery delayed notice; nothing to do');
      return { status: 'skipped', externalId: parsed.externalId, reason: parsed.reason };
    }
    const matched = await ctx.markDeliveryFailed(parsed.originalIds, parsed.reason);
    if (matched) ctx.logger.warn({ ...log, reply: matched, reason: parsed.reason }, 'a reply bounced');
    else
      ctx.logger.info({ ...log, reason: parsed.reason }, 'bounce for a mail Rapport did not send; skipped');
    return { status: 'skipped', externalId: parsed.externalId, reason: parsed.reason };
  }
  if (parsed.kind === 'auto_reply') {
    ctx.logger.info(
      { messageId: parsed.externalId, from: parsed.from, subject: parsed.subject, reason: parsed.reason },
      'automatic email (not a customer) skipped',
    );
    return { status: 'skipped', externalId: parsed.externalId, reason: parsed.reason };
  }
  const { message, attachments } = parsed;
  const externalId = String(message.external_id);
  if (message.direction === 'outbound' && envelope.trustOwnAddress === false) {
    const reason = `mail claiming to be from ${settings.address} came over unauthenticated SMTP; not stored as a brand reply`;
    ctx.logger.warn({ messageId: externalId, from: envelope.from }, reason);
    return { status: 'skipped', externalId, reason };
  }
  const report = await ctx.ingest([message], {
    attachments: attachments.length > 0 ? new Map([[externalId, attachments]]) : undefined,
  });
  if (report.rejected.length > 0) {
    const reason = report.rejected.flatMap((r) => r.errors).join('; ');
    ctx.logger.error({ messageId: externalId, reason }, 'email could not be stored: invalid message');
    return { status: 'rejected', reason };
  }
  const duplicate = report.results[0]?.status === 'duplicate';
  ctx.logger.info(
    { messageId: externalId, duplicate, attachments: attachments.length, direction: message.direction },
    duplicate ? 'email already stored' : 'email stored',
  );
  return { status: 'stored', externalId, duplicate };
}
