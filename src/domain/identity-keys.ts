/**
 * What an identity says about the person behind it, as one person across channels is found:
 * the email address it proves or claims, and the handle key new identities on its channel join on.
 * Pure: the ingest contacts step, the store and the migration's backfill agree on these rules.
 */

/** The channel whose author ids are email addresses (a received mail proves its sender's address). */
export const EMAIL_CHANNEL = 'email';
/** The website chat: a visitor's handle is the address they typed, a claim until confirmed. */
export const CHAT_CHANNEL_NAME = 'chat';

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An address in the one form identities are compared in (trimmed, lowercased), or null if it is none. */
export function normalEmail(value: string | null | undefined): string | null {
  const v = value?.trim().toLowerCase();
  return v && EMAIL_SHAPE.test(v) ? v : null;
}

/** The address an identity proves (email channel: confirmed) or claims (chat: not confirmed). */
export function identityEmail(
  channel: string,
  externalId: string,
  handle: string | null | undefined,
): { email: string | null; confirmed: boolean } {
  if (channel === EMAIL_CHANNEL) return { email: normalEmail(externalId), confirmed: true };
  if (channel === CHAT_CHANNEL_NAME) return { email: normalEmail(handle), confirmed: false };
  return { email: null, confirmed: false };
}

/**
 * The key a new identity joins an existing contact on: its handle, lowercased, without a leading
 * '@', on the same channel. None on email (the id is the address) and chat (the handle is a claim).
 */
export function handleKeyOf(channel: string, handle: string | null | undefined): string | null {
  if (channel === EMAIL_CHANNEL || channel === CHAT_CHANNEL_NAME) return null;
  const key = handle?.trim().replace(/^@+/, '').toLowerCase();
  return key ? key : null;
}
