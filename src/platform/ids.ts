import { createHash, randomBytes } from 'node:crypto';

/** A random URL-safe secret (session ids, API tokens, CSRF tokens). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 hex of a secret, so only hashes of tokens are stored. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** External id for a message created inside Rapport before the channel assigns its own. */
export function localMessageId(): string {
  return `rapport:${randomBytes(12).toString('hex')}`;
}
