import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { InteractionKind, JourneyStage, OccasionKind } from '../../domain/people-words.js';
import { suggestJourney } from '../../domain/today.js';
import type { ContactScores } from '../../store/contact-scores-repo.js';
import type { contactDetail } from '../../store/contacts-read-repo.js';
import type {
  ContactIdentitiesTable,
  ContactInteractionsTable,
  ContactNotesTable,
  ContactOccasionsTable,
  ContactRow,
} from '../../store/schema.js';
import type { contactDetailSchema, contactSchema } from './contact-shapes.schema.js';

type Row<T> = Selectable<T>;

function parsed<T>(json: string, fallback: T): T {
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
}

/** A contact as the API shows it (docs/API.md `Contact`). */
export function presentContact(
  c: ContactRow,
  identities: Row<ContactIdentitiesTable>[],
  scoresOf: (id: number) => ContactScores,
): z.input<typeof contactSchema> {
  const { lastContactAt, ...scores } = scoresOf(c.id);
  return {
    id: c.id,
    name: c.name,
    preferredName: c.preferred_name
      ? { value: c.preferred_name, confirmed: c.preferred_name_confirmed === 1 }
      : null,
    namePronunciation: c.name_pronunciation,
    pronouns: c.pronouns,
    language: c.language,
    timeZone: c.time_zone,
    company: c.company,
    customFields: parsed<Record<string, string>>(c.custom_json, {}),
    insights: parsed<string[]>(c.insights_json, []),
    lifecycle: c.lifecycle,
    journeyStage: c.journey_stage as JourneyStage | null,
    optedOut: c.opted_out === 1,
    followerCount: c.follower_count,
    mergedInto: c.merged_into,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    identities: identities
      .filter((i) => i.contact_id === c.id)
      .map((i) => ({
        id: i.id,
        channel: i.channel,
        externalId: i.external_id,
        handle: i.handle,
        name: i.name,
        email: i.email,
        emailConfirmed: i.email_confirmed === 1,
      })),
    scores,
    lastContactAt,
    erased: c.erased_at !== null,
  };
}

/** A note about a person. */
export const presentNote = (n: Row<ContactNotesTable>) => ({
  id: n.id,
  contactId: n.contact_id,
  authorUserId: n.author_user_id,
  text: n.text,
  createdAt: n.created_at,
});

/** An offline interaction. */
export const presentInteraction = (i: Row<ContactInteractionsTable>) => ({
  id: i.id,
  contactId: i.contact_id,
  kind: i.kind as InteractionKind,
  userId: i.user_id,
  at: i.at,
  note: i.note,
});

/** An occasion. */
export const presentOccasion = (o: Row<ContactOccasionsTable>) => ({
  id: o.id,
  contactId: o.contact_id,
  kind: o.kind as OccasionKind,
  label: o.label,
  month: o.month,
  day: o.day,
  year: o.year,
  remindDaysBefore: o.remind_days_before,
});

/** A person's page. */
export function presentDetail(
  d: Awaited<ReturnType<typeof contactDetail>>,
): z.input<typeof contactDetailSchema> {
  return {
    contact: presentContact(d.contact, d.identities, d.scores),
    timeline: d.timeline,
    occasions: d.occasions.map(presentOccasion),
    stageHistory: d.stages.map((s) => ({
      kind: s.kind,
      from: s.from_stage,
      to: s.to_stage,
      reason: s.reason,
      userId: s.user_id,
      at: s.at,
    })),
    merges: d.merges,
    // newest first from the store; suggestJourney reads oldest to newest
    journeySuggestion: suggestJourney([...d.recentInbound].reverse()),
  };
}
