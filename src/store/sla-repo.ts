import type { Kysely, Selectable } from 'kysely';
import type { BusinessCalendar, OpenSpan, Weekday } from '../domain/business-hours.js';
import { parseClockTime, weekdays } from '../domain/business-hours.js';
import type { SlaConditions, SlaPolicyRule } from '../domain/sla.js';
import type { BusinessHoursTable, Database, SlaPoliciesTable } from './schema.js';

/** A weekly schedule as stored and shown: "HH:MM" spans per weekday. */
export type WeeklySchedule = Partial<Record<Weekday, { start: string; end: string }[]>>;

/** Business hours as the API shows them. */
export interface BusinessHours {
  id: number;
  name: string;
  timeZone: string;
  weekly: WeeklySchedule;
  holidays: string[];
  createdAt: number;
  updatedAt: number;
}

/** An SLA policy as the API shows it. */
export interface SlaPolicy {
  id: number;
  name: string;
  position: number;
  conditions: SlaConditions;
  firstResponseMinutes: number;
  nextResponseMinutes: number;
  resolutionMinutes: number | null;
  businessHoursId: number | null;
  createdAt: number;
  updatedAt: number;
}

/** The writable fields of a policy. */
export type SlaPolicyInput = Omit<SlaPolicy, 'id' | 'createdAt' | 'updatedAt'>;
/** The writable fields of business hours. */
export type BusinessHoursInput = Omit<BusinessHours, 'id' | 'createdAt' | 'updatedAt'>;

function hoursOf(r: Selectable<BusinessHoursTable>): BusinessHours {
  return {
    id: r.id,
    name: r.name,
    timeZone: r.time_zone,
    weekly: JSON.parse(r.weekly_json) as WeeklySchedule,
    holidays: JSON.parse(r.holidays_json) as string[],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function policyOf(r: Selectable<SlaPoliciesTable>): SlaPolicy {
  return {
    id: r.id,
    name: r.name,
    position: r.position,
    conditions: JSON.parse(r.conditions_json) as SlaConditions,
    firstResponseMinutes: r.first_response_minutes,
    nextResponseMinutes: r.next_response_minutes,
    resolutionMinutes: r.resolution_minutes,
    businessHoursId: r.business_hours_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Every set of business hours, by name. */
export async function listBusinessHours(db: Kysely<Database>): Promise<BusinessHours[]> {
  const rows = await db.selectFrom('business_hours').selectAll().orderBy('name').execute();
  return rows.map(hoursOf);
}

/** One set of business hours, or undefined. */
export async function getBusinessHours(db: Kysely<Database>, id: number) {
  const row = await db.selectFrom('business_hours').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? hoursOf(row) : undefined;
}

function hoursColumns(input: BusinessHoursInput) {
  return {
    name: input.name,
    time_zone: input.timeZone,
    weekly_json: JSON.stringify(input.weekly),
    holidays_json: JSON.stringify([...new Set(input.holidays)].sort()),
  };
}

/** Stores new business hours; returns the id. */
export async function insertBusinessHours(db: Kysely<Database>, input: BusinessHoursInput, now: number) {
  const row = await db
    .insertInto('business_hours')
    .values({ ...hoursColumns(input), created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Replaces business hours; false when there is no such id. */
export async function updateBusinessHours(
  db: Kysely<Database>,
  id: number,
  input: BusinessHoursInput,
  now: number,
) {
  const r = await db
    .updateTable('business_hours')
    .set({ ...hoursColumns(input), updated_at: now })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Deletes business hours; false when there is no such id. */
export async function deleteBusinessHours(db: Kysely<Database>, id: number) {
  const r = await db.deleteFrom('business_hours').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Names of the policies that count in these business hours (they block its removal). */
export async function policiesUsingHours(db: Kysely<Database>, id: number): Promise<string[]> {
  const rows = await db
    .selectFrom('sla_policies')
    .select('name')
    .where('business_hours_id', '=', id)
    .execute();
  return rows.map((r) => r.name);
}

/** Every policy, in the order they are matched. */
export async function listSlaPolicies(db: Kysely<Database>): Promise<SlaPolicy[]> {
  const rows = await db.selectFrom('sla_policies').selectAll().orderBy('position').orderBy('id').execute();
  return rows.map(policyOf);
}

/** One policy, or undefined. */
export async function getSlaPolicy(db: Kysely<Database>, id: number) {
  const row = await db.selectFrom('sla_policies').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? policyOf(row) : undefined;
}

function policyColumns(input: SlaPolicyInput) {
  return {
    name: input.name,
    position: input.position,
    conditions_json: JSON.stringify(input.conditions),
    first_response_minutes: input.firstResponseMinutes,
    next_response_minutes: input.nextResponseMinutes,
    resolution_minutes: input.resolutionMinutes,
    business_hours_id: input.businessHoursId,
  };
}

/** Stores a new policy; returns the id. */
export async function insertSlaPolicy(db: Kysely<Database>, input: SlaPolicyInput, now: number) {
  const row = await db
    .insertInto('sla_policies')
    .values({ ...policyColumns(input), created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Replaces a policy; false when there is no such id. */
export async function updateSlaPolicy(db: Kysely<Database>, id: number, input: SlaPolicyInput, now: number) {
  const r = await db
    .updateTable('sla_policies')
    .set({ ...policyColumns(input), updated_at: now })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Deletes a policy; false when there is no such id. */
export async function deleteSlaPolicy(db: Kysely<Database>, id: number) {
  const r = await db.deleteFrom('sla_policies').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** A stored weekly schedule as the due-time computation takes it (minutes after midnight). */
export function calendarOf(hours: Pick<BusinessHours, 'timeZone' | 'weekly' | 'holidays'>): BusinessCalendar {
  const weekly = {} as Record<Weekday, OpenSpan[]>;
  for (const day of weekdays) {
    weekly[day] = (hours.weekly[day] ?? []).map((s) => ({
      start: parseClockTime(s.start) ?? 0,
      end: parseClockTime(s.end) ?? 0,
    }));
  }
  return { timeZone: hours.timeZone, weekly, holidays: hours.holidays };
}

/** The stored policies as rules, their business hours resolved (two small reads). */
export async function loadStoredSlaRules(db: Kysely<Database>): Promise<SlaPolicyRule[]> {
  const policies = await listSlaPolicies(db);
  if (policies.length === 0) return [];
  const hours = new Map((await listBusinessHours(db)).map((h) => [h.id, calendarOf(h)]));
  return policies.map((p) => ({
    id: p.id,
    name: p.name,
    conditions: p.conditions,
    targets: {
      firstResponseMinutes: p.firstResponseMinutes,
      nextResponseMinutes: p.nextResponseMinutes,
      resolutionMinutes: p.resolutionMinutes,
      calendar: p.businessHoursId === null ? null : (hours.get(p.businessHoursId) ?? null),
    },
  }));
}
