import type { Kysely } from 'kysely';
import type { CsvDate, ImportedPerson } from '../domain/contact-csv.js';
import { handleKeyOf } from '../domain/identity-keys.js';
import { newIdentityRow } from './contacts-repo.js';
import type { Database } from './schema.js';

/** What one imported row did. */
export type ImportOutcome = 'created' | 'updated' | 'unchanged';

/** The contact an imported person already is: by an email address, else by a handle on its channel. */
async function existingContact(db: Kysely<Database>, p: ImportedPerson): Promise<number | null> {
  if (p.emails.length > 0) {
    const row = await db
      .selectFrom('contact_identities as i')
      .innerJoin('contacts as c', 'c.id', 'i.contact_id')
      .select((eb) => eb.fn.coalesce('c.merged_into', 'c.id').as('id'))
      .where('i.email', 'in', p.emails)
      .where('c.erased_at', 'is', null)
      .orderBy('i.id')
      .executeTakeFirst();
    if (row) return Number(row.id);
  }
  for (const h of p.handles) {
    const row = await db
      .selectFrom('contact_identities as i')
      .innerJoin('contacts as c', 'c.id', 'i.contact_id')
      .select((eb) => eb.fn.coalesce('c.merged_into', 'c.id').as('id'))
      .where('i.channel', '=', h.channel)
      .where('i.handle_key', '=', handleKeyOf(h.channel, h.handle))
      .where('c.erased_at', 'is', null)
      .orderBy('i.id')
      .executeTakeFirst();
    if (row) return Number(row.id);
  }
  return null;
}

async function addOccasionOnce(
  db: Kysely<Database>,
  contactId: number,
  kind: 'birthday' | 'customer_since',
  d: CsvDate | null,
  now: number,
) {
  if (!d) return false;
  const has = await db
    .selectFrom('contact_occasions')
    .select('id')
    .where('contact_id', '=', contactId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  if (has) return false;
  await db
    .insertInto('contact_occasions')
    .values({
      contact_id: contactId,
      kind,
      label: null,
      month: d.month,
      day: d.day,
      year: d.year,
      remind_days_before: 3,
      created_at: now,
    })
    .execute();
  return true;
}

/**
 * Stores one imported person: a new contact, or the one an address or handle already names
 * (filled in, never overwritten). Running the same file again changes nothing: identities,
 * occasions and notes already there are not added twice. An address or handle that belongs to
 * another person is left with them (merging is the team's call).
 */
export async function importPerson(
  db: Kysely<Database>,
  p: ImportedPerson,
  now: number,
): Promise<ImportOutcome> {
  let contactId = await existingContact(db, p);
  let outcome: ImportOutcome = 'unchanged';
  if (contactId === null) {
    const row = await db
      .insertInto('contacts')
      .values({ name: p.name, lifecycle: 'prospect', follower_count: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    contactId = row.id;
    outcome = 'created';
  } else if (p.name) {
    const filled = await db
      .updateTable('contacts')
      .set({ name: p.name, updated_at: now })
      .where('id', '=', contactId)
      .where('name', 'is', null)
      .executeTakeFirst();
    if (Number(filled.numUpdatedRows) > 0) outcome = 'updated';
  }
  const changed = () => {
    if (outcome === 'unchanged') outcome = 'updated';
  };
  for (const email of p.emails) {
    const taken = await db
      .selectFrom('contact_identities')
      .select('id')
      .where((eb) =>
        eb.or([
          eb('email', '=', email),
          eb.and([eb('channel', '=', 'email'), eb('external_id', '=', email)]),
        ]),
      )
      .executeTakeFirst();
    if (taken) continue;
    await db
      .insertInto('contact_identities')
      .values(newIdentityRow('email', email, { id: email, handle: email, name: p.name }, contactId, now))
      .execute();
    changed();
  }
  for (const h of p.handles) {
    const key = handleKeyOf(h.channel, h.handle);
    const taken = await db
      .selectFrom('contact_identities')
      .select('id')
      .where('channel', '=', h.channel)
      .where((eb) => eb.or([eb('handle_key', '=', key), eb('external_id', '=', `import:${key}`)]))
      .executeTakeFirst();
    if (taken) continue;
    await db
      .insertInto('contact_identities')
      .values(
        newIdentityRow(
          h.channel,
          `import:${key}`,
          { id: `import:${key}`, handle: h.handle, name: p.name },
          contactId,
          now,
        ),
      )
      .execute();
    changed();
  }
  if (await addOccasionOnce(db, contactId, 'birthday', p.birthday, now)) changed();
  if (await addOccasionOnce(db, contactId, 'customer_since', p.customerSince, now)) changed();
  if (p.notes) {
    const same = await db
      .selectFrom('contact_notes')
      .select('id')
      .where('contact_id', '=', contactId)
      .where('text', '=', p.notes)
      .executeTakeFirst();
    if (!same) {
      await db
        .insertInto('contact_notes')
        .values({ contact_id: contactId, author_user_id: null, text: p.notes, created_at: now })
        .execute();
      changed();
    }
  }
  return outcome;
}
