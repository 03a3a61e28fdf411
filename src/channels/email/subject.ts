import { createHash } from 'node:crypto';

/**
 * Reply and forward prefixes mail clients put before a subject, in the languages they ship:
 * Re, Fw, Fwd, Aw/Wg (German), Sv/Vs (Nordic), Antw, Rif, Tr, Odp, Res, Ynt, Réf, 回复/转发… with
 * optional counters ("Re[2]:", "Re(3):") and full-width colons.
 */
const PREFIX =
  /^\s*(?:re|fw|fwd|aw|wg|sv|vs|antw|antwort|rif|r|tr|odp|res|ynt|réf|ref|enc|rv|vl|vb|doorst|回复|回覆|转发|轉寄|答复|返信|転送)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*/i;

/** A subject without reply/forward prefixes, white space collapsed, lower case: what threads compare. */
export function normalizeSubject(subject: string | null | undefined): string {
  let s = (subject ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 20; i += 1) {
    const next = s.replace(PREFIX, '');
    if (next === s) break;
    s = next;
  }
  return s.toLowerCase().trim();
}

/** Whether a subject already says it is a reply (so we don't write "Re: Re: …"). */
export function isReplySubject(subject: string): boolean {
  return /^\s*re\s*(?:\[\d+\]|\(\d+\))?\s*[:：]/i.test(subject);
}

/** The subject of our reply to a mail: the customer's subject with one "Re: " in front. */
export function replySubject(subject: string | null | undefined): string {
  const s = (subject ?? '').replace(/\s+/g, ' ').trim();
  if (!s) return 'Re: your message';
  return isReplySubject(s) ? s : `Re: ${s}`;
}

/**
 * The fallback thread key of a mail: its normalised subject, its sender and the mailbox it came
 * to. A customer whose mail client drops In-Reply-To and References still lands in the same
 * conversation when they keep the subject. Null when the subject is empty (nothing to go by).
 */
export function subjectThreadKey(
  mailbox: string,
  sender: string,
  subject: string | null | undefined,
): string | null {
  const normalized = normalizeSubject(subject);
  if (!normalized) return null;
  const digest = createHash('sha256')
    .update(`${mailbox.toLowerCase()}\n${sender.toLowerCase()}\n${normalized}`)
    .digest('hex')
    .slice(0, 32);
  return `email-subject:${digest}`;
}
