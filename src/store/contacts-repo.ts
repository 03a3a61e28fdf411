import { type Kysely, sql } from 'kysely';
import { handleKeyOf, identityEmail } from '../domain/identity-keys.js';
import { chunk } from './chunks.js';
import type { Database } from './schema.js';

/** An author as a channel describes them. */
export interface AuthorIdentity {
  id: string;
  handle?: string | null;
  name?: string | null;
  followers?: number | null;
}

/** A stored identity with its contact's reach, as contact resolution compares it. */
export interface StoredIdentity {
  contact_id: number;
  handle: string | null;
  name: string | null;
  follower_count: number | null;
}

/** A batch's authors by id; an author seen several times keeps the latest of each field. */
export function authorsById(authors: AuthorIdentity[]): Map<string, AuthorIdentity> {
  const byId = new Map<string, AuthorIdentity>();
  for (const a of authors) byId.set(a.id, { ...byId.get(a.id), ...a });
  return byId;
}

/**
 * What to write for an author already known: the identity's handle and name when either changed
 * (a missing value keeps the stored one), and the contact's follower count when the channel gave a
 * new one. Both engines' contact resolution use this, so they behave alike.
 */
export function identityChanges(a: AuthorIdentity, r: StoredIdentity) {
  const handle = a.handle ?? r.handle;
  const name = a.name ?? r.name;
  return {
    identity: handle !== r.handle || name !== r.name ? { handle, name } : null,
    followers:
      a.followers !== undefined && a.followers !== null && a.followers !== r.follower_count
        ? a.followers
        : null,
  };
}

/**
 * The columns to write when an identity's handle or name changed: its handle key and address follow
 * the handle; a changed address is no longer confirmed (an unchanged one keeps its state).
 */
export function identityUpdate(
  channel: string,
  externalId: string,
  change: { handle: string | null; name: string | null },
) {
  const { email, confirmed } = identityEmail(channel, externalId, change.handle);
  return {
    ...change,
    handle_key: handleKeyOf(channel, change.handle),
    email_confirmed: sql<number>`case when coalesce(email, '') = ${email ?? ''} then email_confirmed else ${confirmed ? 1 : 0} end`,
    email,
  };
}

/**
 * Maps channel authors to contacts, creating a contact and its identity the first time an author
 * writes (or joining the contact that already has the same handle on the channel, or that confirmed
 * the address a mail comes from), and keeping handle, name and reach current. Returns author id →
 * contact id.
 */
export async function resolveContacts(
  db: Kysely<Database>,
  channel: string,
  authors: AuthorIdentity[],
  now: number,
): Promise<Map<string, number>> {
  const byId = authorsById(authors);
  const resolved = new Map<string, number>();
  for (const part of chunk([...byId.keys()])) {
    const rows = await db
      .selectFrom('contact_identities as i')
      .innerJoin('contacts as c', 'c.id', 'i.contact_id')
      .select(['i.contact_id', 'i.external_id', 'i.handle', 'i.name', 'c.follower_count'])
      .where('i.channel', '=', channel)
      .where('i.external_id', 'in', part)
      .execute();
    for (const r of rows) {
      resolved.set(r.external_id, r.contact_id);
      const change = identityChanges(byId.get(r.external_id)!, r);
      if (change.identity) {
        await db
          .updateTable('contact_identities')
          .set(identityUpdate(channel, r.external_id, change.identity))
          .where('channel', '=', channel)
          .where('external_id', '=', r.external_id)
          .execute();
      }
      if (change.followers !== null) {
        await db
          .updateTable('contacts')
          .set({ follower_count: change.followers, updated_at: now })
          .where('id', '=', r.contact_id)
          .execute();
      }
    }
  }
  const missing = [...byId].filter(([id]) => !resolved.has(id));
  for (const part of chunk(missing, 200)) {
    const joins = await existingContactsFor(db, channel, part);
    const create: [string, AuthorIdentity][] = [];
    const firstOfKey = new Map<string, string>();
    for (const [id, a] of part) {
      const key = joinKeyOf(channel, id, a);
      if (key && joins.has(key)) continue;
      if (key && firstOfKey.has(key)) continue;
      if (key) firstOfKey.set(key, id);
      create.push([id, a]);
    }
    const ids =
      create.length === 0
        ? []
        : (
            await db
              .insertInto('contacts')
              .values(
                create.map(([, a]) => ({
                  name: a.name ?? a.handle ?? null,
                  lifecycle: 'prospect' as const,
                  follower_count: a.followers ?? null,
                  created_at: now,
                  updated_at: now,
                })),
              )
              .returning('id')
              .execute()
          )
            // both engines hand out ids increasing in row order within one statement
            .map((c) => c.id)
            .sort((x, y) => x - y);
    create.forEach(([id], k) => {
      resolved.set(id, ids[k]!);
    });
    for (const [id, a] of part) {
      if (resolved.has(id)) continue;
      const key = joinKeyOf(channel, id, a)!;
      resolved.set(id, joins.get(key) ?? resolved.get(firstOfKey.get(key)!)!);
    }
    await db
      .insertInto('contact_identities')
      .values(part.map(([id, a]) => newIdentityRow(channel, id, a, resolved.get(id)!, now)))
      .execute();
  }
  return resolved;
}

/**
 * What a new identity joins an existing contact on, as one string: `h:` + its handle key on its
 * channel, or `e:` + the address it proves when another channel already confirmed it; null when
 * it joins nobody (a new contact).
 */
export function joinKeyOf(channel: string, externalId: string, a: AuthorIdentity): string | null {
  const handleKey = handleKeyOf(channel, a.handle);
  if (handleKey) return `h:${handleKey}`;
  const { email, confirmed } = identityEmail(channel, externalId, a.handle);
  return email && confirmed ? `e:${email}` : null;
}

/** The row of a new identity: its email (proved or claimed) and handle key come from its channel's rules. */
export function newIdentityRow(
  channel: string,
  externalId: string,
  a: AuthorIdentity,
  contactId: number,
  now: number,
) {
  const { email, confirmed } = identityEmail(channel, externalId, a.handle);
  return {
    contact_id: contactId,
    channel,
    external_id: externalId,
    handle: a.handle ?? null,
    name: a.name ?? null,
    created_at: now,
    email,
    email_confirmed: confirmed ? 1 : 0,
    handle_key: handleKeyOf(channel, a.handle),
  };
}

/** Contacts that new authors join: by handle key on the channel, or by an address confirmed elsewhere. */
async function existingContactsFor(
  db: Kysely<Database>,
  channel: string,
  authors: [string, AuthorIdentity][],
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  const handleKeys = new Set<string>();
  const emails = new Set<string>();
  for (const [id, a] of authors) {
    const key = joinKeyOf(channel, id, a);
    if (key?.startsWith('h:')) handleKeys.add(key.slice(2));
    else if (key) emails.add(key.slice(2));
  }
  if (handleKeys.size > 0) {
    const rows = await db
      .selectFrom('contact_identities')
      .select(['handle_key', 'contact_id'])
      .where('channel', '=', channel)
      .where('handle_key', 'in', [...handleKeys])
      .orderBy('id')
      .execute();
    for (const r of rows) if (!found.has(`h:${r.handle_key}`)) found.set(`h:${r.handle_key}`, r.contact_id);
  }
  if (emails.size > 0) {
    const rows = await db
      .selectFrom('contact_identities')
      .select(['email', 'contact_id'])
      .where('email', 'in', [...emails])
      .where('email_confirmed', '=', 1)
      .orderBy('id')
      .execute();
    for (const r of rows) if (!found.has(`e:${r.email}`)) found.set(`e:${r.email}`, r.contact_id);
  }
  return found;
}
