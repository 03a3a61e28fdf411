/**
 * `confidential`: what must not be posted to a customer: the workspace's own list of internal terms
 * (pricing, code names, forecasts), card numbers (checked with the Luhn sum, so order numbers pass),
 * other people's email addresses or phone numbers, and internal links.
 */
import { decodeEntities } from './text.js';
import type { RawFinding } from './types.js';

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
const internalLink =
  /\bhttps?:\/\/(localhost|127\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|[\w.-]+\.(internal|local|corp|lan|intranet)\b|(intranet|wiki|jira|confluence|admin|internal)\.[\w.-]+)\S*/iu;
const emailAddress = /\b[\w.+-]+@[\w-]+(\.[\w-]+)*\.[a-z]{2,}\b/giu;
/** Team addresses (support@, help@) are public by design. */
const roleAddress =
  /^(support|help|care|info|service|customerservice|contact|hello|team|press|privacy|legal|billing|sales|feedback|noreply|no-reply)@/iu;
/** A phone number as people write one: a leading + or digit groups (a bare run of digits is an order id). */
const phoneNumber = /(?<![\d-])(\+\d[\d ().-]{7,}\d|\(?\d{2,5}\)?[ .-]+\d[\d ().-]{5,}\d)(?![\d-])/gu;

const why = (what: string) =>
  `${what} must not be posted to a customer: replies are public or forwarded, and cannot be taken back.`;

/**
 * Finds confidential content. `customerText` is what the customer wrote: their own address or
 * number repeated back is theirs, not someone else's (the sign-off check is elsewhere).
 */
export function findConfidential(
  text: string,
  terms: readonly string[],
  customerText: string,
  publicContacts: readonly string[] = [],
): RawFinding | undefined {
  const body = decodeEntities(text);
  for (const term of terms) {
    const t = term.trim();
    if (!t) continue;
    const m = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(t)}(?![\\p{L}\\p{N}])`, 'iu').exec(body);
    if (m) {
      return {
        code: 'confidential',
        match: m[0],
        why: why(`"${t}" is on your workspace's list of internal terms; it`),
        suggestion: 'Leave it out, or say what the customer needs to know without the internal detail.',
      };
    }
  }
  for (const m of body.matchAll(/\b(?:\d[ -]?){13,19}\b/gu)) {
    const digits = m[0].replace(/\D/gu, '');
    if (digits.length >= 13 && digits.length <= 19 && /^[3-6]/u.test(digits) && luhn(digits)) {
      return {
        code: 'confidential',
        match: m[0].trim(),
        why: why('A card number'),
        suggestion: 'Never repeat a card number; refer to "the card ending in 1234" at most.',
      };
    }
  }
  const link = internalLink.exec(body);
  if (link) {
    return {
      code: 'confidential',
      match: link[0],
      why: why('An internal link'),
      suggestion: 'Link to a public help page instead, or describe the steps.',
    };
  }
  const known = new Set(
    [...publicContacts, ...(customerText.match(emailAddress) ?? [])].map((s) => s.toLowerCase()),
  );
  const customerDigits = (customerText.match(phoneNumber) ?? []).map((p) => p.replace(/\D/gu, ''));
  const publicDigits = publicContacts.map((p) => p.replace(/\D/gu, '')).filter((d) => d.length >= 7);
  for (const m of body.matchAll(emailAddress)) {
    if (!known.has(m[0].toLowerCase()) && !roleAddress.test(m[0])) {
      return {
        code: 'confidential',
        match: m[0],
        why: why("Someone else's email address"),
        suggestion: 'Remove the address; if the customer needs a contact, point to a public help page.',
      };
    }
  }
  for (const m of body.matchAll(phoneNumber)) {
    const digits = m[0].replace(/\D/gu, '');
    if (
      digits.length < 10 ||
      digits.length > 13 ||
      customerDigits.includes(digits) ||
      publicDigits.includes(digits)
    )
      continue;
    if (/^1?8(00|33|44|55|66|77|88)/u.test(digits)) continue; // toll-free lines are public by design
    return {
      code: 'confidential',
      match: m[0].trim(),
      why: why("Someone else's phone number"),
      suggestion: 'Remove the number; a personal or internal line must not be posted.',
    };
  }
  return undefined;
}
