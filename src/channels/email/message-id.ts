/** Longest external id the core format stores (see message-format.ts). */
const MAX_ID = 512;

/**
 * The Message-IDs in a header value (`<a@b> <c@d>`, or a bare `a@b`), without angle brackets, in
 * order. Message-IDs are Rapport's email external ids, so inbound headers, our own replies and
 * bounces must all reduce an id the same way: brackets and white space go, case stays (clients copy
 * ids verbatim and some compare them case-sensitively).
 */
export function messageIdsIn(value: string | string[] | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  const text = Array.isArray(value) ? value.join(' ') : value;
  const bracketed = [...text.matchAll(/<([^<>]*)>/g)].map((m) => clean(m[1]!));
  const ids = bracketed.length > 0 ? bracketed : text.split(/[\s,]+/).map(clean);
  return ids.filter((id) => id.length > 0 && id.length <= MAX_ID && id.includes('@'));
}

/** One Message-ID header value reduced to an external id, or null when it holds none. */
export function normalizeMessageId(value: string | null | undefined): string | null {
  return messageIdsIn(value)[0] ?? null;
}

/** An external id written back as a header value. */
export function headerId(id: string): string {
  return `<${id}>`;
}

/**
 * A stable id for a mail without a usable Message-ID: the same bytes delivered twice (an SMTP
 * retry, a re-poll) get the same id, so dedupe still works.
 */
export function syntheticMessageIdOf(sha256: string): string {
  return `${sha256.slice(0, 40)}@no-message-id.rapport.invalid`;
}

/**
 * The Message-ID of one of our replies. It derives from Rapport's own id of the reply, so a send
 * retried after a crash reuses it (receivers and mail clients collapse the two copies).
 */
export function replyMessageId(localId: string, fromAddress: string): string {
  const domain = fromAddress.split('@')[1]?.toLowerCase() || 'rapport.invalid';
  const local = localId
    .replace(/^rapport:/, '')
    .toLowerCase()
    .replace(/[^a-z0-9.-]/g, '');
  return `rapport.${local}@${domain}`;
}

function clean(id: string): string {
  return id.replace(/\s+/g, '').replace(/^<|>$/g, '');
}
