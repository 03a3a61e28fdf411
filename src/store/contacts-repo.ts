import type { Kysely } from 'kysely';
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
 * Maps channel authors to contacts, creating a contact and its identity the first time an author
 * writes, and keeping handle, name and reach current. Returns author id → contact id.
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
          .set(change.identity)
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
    const contacts = await db
      .insertInto('contacts')
      .values(
        part.map(([, a]) => ({
          name: a.name ?? a.handle ?? null,
          lifecycle: 'prospect' as const,
          follower_count: a.followers ?? null,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning('id')
      .execute();
    // both engines hand out ids increasing in row order within one statement
    const ids = contacts.map((c) => c.id).sort((x, y) => x - y);
    await db
      .insertInto('contact_identities')
      .values(
        part.map(([id, a], k) => ({
          contact_id: ids[k]!,
          channel,
          external_id: id,
          handle: a.handle ?? null,
          name: a.name ?? null,
          created_at: now,
        })),
      )
      .execute();
    part.forEach(([id], k) => {
      resolved.set(id, ids[k]!);
    });
  }
  return resolved;
}
