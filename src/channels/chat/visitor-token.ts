import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const VERSION = 'v1';
const VISITOR_ID = /^v_[A-Za-z0-9_-]{22}$/;

/** A new random visitor id (128 bits), never derived from anything the browser sends. */
export function newVisitorId(): string {
  return `v_${randomBytes(16).toString('base64url')}`;
}

function mac(secret: string, accountId: number, visitorId: string): Buffer {
  // the account id is signed too, so a token of one widget is worthless on another
  return createHmac('sha256', secret).update(`rapport-chat-visitor\n${accountId}\n${visitorId}`).digest();
}

/**
 * The token a widget keeps in its first-party cookie: `v1.<visitor id>.<HMAC>`, signed with the
 * account's secret. Whoever holds it is that visitor, so it is only ever handed to that browser.
 */
export function signVisitorToken(secret: string, accountId: number, visitorId: string): string {
  return `${VERSION}.${visitorId}.${mac(secret, accountId, visitorId).toString('base64url')}`;
}

/**
 * The visitor id a token proves, or null for anything missing, malformed, forged, tampered with or
 * signed for another account (the caller then starts a fresh visitor). Constant-time comparison.
 */
export function verifyVisitorToken(secret: string, accountId: number, token: unknown): string | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [version, visitorId, signature] = parts as [string, string, string];
  if (version !== VERSION || !VISITOR_ID.test(visitorId) || !/^[A-Za-z0-9_-]{43}$/.test(signature))
    return null;
  // Compare the text, not decoded bytes: base64url's last character carries 2 unused bits, so
  // several spellings decode to the same bytes and a decoded comparison would accept them.
  const expected = Buffer.from(mac(secret, accountId, visitorId).toString('base64url'));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return visitorId;
}
