import type { Kysely, Updateable } from 'kysely';
import type { ContactsTable, Database } from './schema.js';

/** A change to a person's profile; absent fields stay, null clears. Stages carry their reason. */
export interface ProfilePatch {
  name?: string | null;
  preferredName?: string | null;
  preferredNameConfirmed?: boolean;
  namePronunciation?: string | null;
  pronouns?: string | null;
  language?: string | null;
  timeZone?: string | null;
  company?: string | null;
  customFields?: Record<string, string>;
  insights?: string[];
  lifecycle?: ContactsTable['lifecycle'];
  journeyStage?: string | null;
  stageReason?: string | null;
  optedOut?: boolean;
}

/**
 * Applies a profile change to a live contact inside the caller's transaction, and records each
 * lifecycle or journey change with its reason and who made it. A new preferred name is not
 * confirmed unless the change says so. Returns the names of the fields that changed.
 */
export async function updateContactProfile(
  trx: Kysely<Database>,
  input: { id: number; patch: ProfilePatch; userId: number | null; now: number },
): Promise<string[]> {
  const { id, patch, now } = input;
  const before = await trx.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const set: Updateable<ContactsTable> = {};
  const changed: string[] = [];
  const put = <K extends keyof ContactsTable>(field: string, column: K, value: unknown, stored: unknown) => {
    if (value === undefined || value === stored) return;
    (set as Record<string, unknown>)[column] = value;
    changed.push(field);
  };
  put('name', 'name', patch.name, before.name);
  put('preferredName', 'preferred_name', patch.preferredName, before.preferred_name);
  const confirmed =
    patch.preferredNameConfirmed !== undefined
      ? patch.preferredNameConfirmed
      : patch.preferredName !== undefined && patch.preferredName !== before.preferred_name
        ? false
        : undefined;
  if (confirmed !== undefined)
    put(
      'preferredNameConfirmed',
      'preferred_name_confirmed',
      confirmed ? 1 : 0,
      before.preferred_name_confirmed,
    );
  put('namePronunciation', 'name_pronunciation', patch.namePronunciation, before.name_pronunciation);
  put('pronouns', 'pronouns', patch.pronouns, before.pronouns);
  put('language', 'language', patch.language, before.language);
  put('timeZone', 'time_zone', patch.timeZone, before.time_zone);
  put('company', 'company', patch.company, before.company);
  if (patch.customFields)
    put('customFields', 'custom_json', JSON.stringify(patch.customFields), before.custom_json);
  if (patch.insights) put('insights', 'insights_json', JSON.stringify(patch.insights), before.insights_json);
  if (patch.optedOut !== undefined) put('optedOut', 'opted_out', patch.optedOut ? 1 : 0, before.opted_out);
  put('lifecycle', 'lifecycle', patch.lifecycle, before.lifecycle);
  put('journeyStage', 'journey_stage', patch.journeyStage, before.journey_stage);
  if (changed.length === 0) return changed;
  await trx
    .updateTable('contacts')
    .set({ ...set, updated_at: now })
    .where('id', '=', id)
    .execute();
  const stage = (kind: 'lifecycle' | 'journey', from: string | null, to: string | null) =>
    trx
      .insertInto('contact_stage_changes')
      .values({
        contact_id: id,
        kind,
        from_stage: from,
        to_stage: to,
        reason: patch.stageReason ?? null,
        user_id: input.userId,
        at: now,
      })
      .execute();
  if (changed.includes('lifecycle')) await stage('lifecycle', before.lifecycle, patch.lifecycle!);
  if (changed.includes('journeyStage'))
    await stage('journey', before.journey_stage, patch.journeyStage ?? null);
  return changed;
}

/** Keeps a note about a person. */
export async function addContactNote(
  db: Kysely<Database>,
  input: { contactId: number; userId: number | null; text: string; now: number },
) {
  return db
    .insertInto('contact_notes')
    .values({
      contact_id: input.contactId,
      author_user_id: input.userId,
      text: input.text,
      created_at: input.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Logs something done with a person outside the channels (who, when, a note). */
export async function addContactInteraction(
  db: Kysely<Database>,
  input: { contactId: number; kind: string; userId: number | null; at: number; note: string; now: number },
) {
  return db
    .insertInto('contact_interactions')
    .values({
      contact_id: input.contactId,
      kind: input.kind,
      user_id: input.userId,
      at: input.at,
      note: input.note,
      created_at: input.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Adds a yearly date to a person (birthday, customer since, custom), reminded `remindDaysBefore` ahead. */
export async function addContactOccasion(
  db: Kysely<Database>,
  input: {
    contactId: number;
    kind: string;
    label: string | null;
    month: number;
    day: number;
    year: number | null;
    remindDaysBefore: number;
    now: number;
  },
) {
  return db
    .insertInto('contact_occasions')
    .values({
      contact_id: input.contactId,
      kind: input.kind,
      label: input.label,
      month: input.month,
      day: input.day,
      year: input.year,
      remind_days_before: input.remindDaysBefore,
      created_at: input.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Removes one occasion of a person; false when there was none. */
export async function deleteContactOccasion(db: Kysely<Database>, contactId: number, occasionId: number) {
  const res = await db
    .deleteFrom('contact_occasions')
    .where('id', '=', occasionId)
    .where('contact_id', '=', contactId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
