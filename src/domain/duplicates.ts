/**
 * Likely duplicates: two contacts that are probably one person. A shared name alone is never
 * enough (two strangers called Sam Lee stay two); it takes the same name plus an overlapping detail,
 * and the answer is a suggestion with its reasons, never a silent merge. Pure.
 */

/** What the comparison looks at for one contact. */
export interface PersonFacts {
  name: string | null;
  company: string | null;
  /** Addresses its identities prove or claim. */
  emails: string[];
  /** Handles of its identities, any channel. */
  handles: string[];
}

/** Mail providers whose domain says nothing about who someone is. */
const FREE_MAIL = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'hotmail.com',
  'outlook.com',
  'live.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'mail.com',
]);

/** A name as compared: accents dropped, lowercased, spaces collapsed. */
export function nameKey(name: string | null): string | null {
  const key = name?.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
  return key ? key : null;
}

const handleKey = (h: string) => h.trim().replace(/^@+/, '').toLowerCase();
const localPart = (h: string) => handleKey(h).split(/[@.]/)[0] ?? '';

/** Why `a` and `b` are likely one person (empty: they are not, as far as can be told). */
export function duplicateReasons(a: PersonFacts, b: PersonFacts): string[] {
  const name = nameKey(a.name);
  if (!name || name !== nameKey(b.name)) return [];
  const reasons: string[] = [];
  const emailsB = new Set(b.emails);
  const sameEmail = a.emails.find((e) => emailsB.has(e));
  if (sameEmail) reasons.push(`same name and the same address ${sameEmail}`);
  const domains = (list: string[]) =>
    new Set(list.map((e) => e.split('@')[1] ?? '').filter((d) => d && !FREE_MAIL.has(d)));
  const domainsB = domains(b.emails);
  const sameDomain = [...domains(a.emails)].find((d) => domainsB.has(d));
  if (!sameEmail && sameDomain) reasons.push(`same name, both write from @${sameDomain}`);
  const company = a.company?.trim().toLowerCase();
  if (company && company === b.company?.trim().toLowerCase())
    reasons.push(`same name and company (${a.company})`);
  const handlesB = new Set(b.handles.map(handleKey));
  const sameHandle = a.handles.map(handleKey).find((h) => h && handlesB.has(h) && !h.includes('@'));
  if (sameHandle) reasons.push(`same name and the same handle ${sameHandle}`);
  else {
    const localsB = new Set([...b.handles, ...b.emails].map(localPart).filter((l) => l.length >= 4));
    const sameLocal = [...a.handles, ...a.emails].map(localPart).find((l) => l.length >= 4 && localsB.has(l));
    if (sameLocal && !sameEmail)
      reasons.push(`same name and the same user name "${sameLocal}" on different channels`);
  }
  return reasons;
}
