/**
 * Routing rules: which conversation goes where, decided from its newest customer message. Rules are
 * ordered; the first enabled rule whose conditions hold is applied and evaluation stops there,
 * unless that rule says `continue`, in which case later rules are looked at too. Among the rules
 * applied, the first assignment and the first priority win; labels and notifications add up.
 * Pure: the caller resolves business hours and contact facts into the subject.
 */
import { addRunningTime, type BusinessCalendar } from './business-hours.js';

/** Presence states a person can be in (set by the person). */
export const presenceStates = ['online', 'away', 'off_shift'] as const;
/** Whether a person takes new conversations now. */
export type PresenceState = (typeof presenceStates)[number];

/** Contact lifecycle stages a rule can match. */
export const lifecycles = ['prospect', 'customer', 'advocate', 'former'] as const;

/** What a rule applies to; an absent or empty condition matches everything. */
export interface RoutingConditions {
  channels?: string[];
  sentiments?: string[];
  intents?: string[];
  /** Urgency cues: matches when the message has at least one of them. */
  urgency?: string[];
  /** Matches any urgent message (at least one cue), whatever the cue. */
  urgent?: boolean;
  /** Message languages (ISO 639-1 where there is one, e.g. "en", "de"). */
  languages?: string[];
  /** Words or phrases: matches when the text contains at least one (case-insensitive). */
  keywords?: string[];
  lifecycles?: string[];
  /** The author's reach (followers) at least this. */
  minReach?: number;
  /** Inside (true) or outside (false) a set of business hours. */
  businessHours?: { id: number; inside: boolean };
}

/** What a rule does when it matches. */
export type RoutingAction =
  | { type: 'assign_team'; teamId: number }
  | { type: 'assign_user'; userId: number }
  | { type: 'add_label'; label: string }
  | { type: 'set_priority'; priority: number }
  | { type: 'notify'; userIds: number[]; teamIds: number[] }
  | { type: 'require_approval' };

/** One rule as matching sees it. */
export interface RoutingRule {
  id: number;
  name: string;
  enabled: boolean;
  /** Go on to later rules after this one matched (default: stop, first match wins). */
  continue: boolean;
  conditions: RoutingConditions;
  actions: RoutingAction[];
}

/** The facts about one customer message that rules look at. */
export interface RoutingSubject {
  channel: string;
  sentiment: string | null;
  intent: string | null;
  urgency: string[];
  language: string | null;
  text: string;
  lifecycle: string | null;
  reach: number | null;
  /** When the message arrived (for business-hours conditions). */
  at: number;
  /** Business hours by id (a condition naming hours that no longer exist never matches). */
  calendars: ReadonlyMap<number, BusinessCalendar>;
}

/** Whether an instant falls inside a calendar's open hours (holidays closed). */
export function isOpenAt(calendar: BusinessCalendar, at: number): boolean {
  return addRunningTime(at, 0, calendar) === at;
}

function within(list: string[] | undefined, value: string | null): boolean {
  return !list || list.length === 0 || (value !== null && list.includes(value));
}

/** Lower-cased text with runs of whitespace made one space, for keyword matching. */
function normalised(text: string): string {
  return text.toLocaleLowerCase().replace(/\s+/g, ' ');
}

function hasKeyword(keywords: string[] | undefined, text: string): boolean {
  if (!keywords || keywords.length === 0) return true;
  const hay = normalised(text);
  return keywords.some((k) => {
    const needle = normalised(k.trim());
    if (!needle) return false;
    // whole words: "bug" does not match "debug"; phrases match as written
    const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u').test(hay);
  });
}

/** Whether a rule's conditions hold for a message. */
export function conditionsHold(c: RoutingConditions, s: RoutingSubject): boolean {
  if (!within(c.channels, s.channel)) return false;
  if (!within(c.sentiments, s.sentiment)) return false;
  if (!within(c.intents, s.intent)) return false;
  if (!within(c.languages, s.language)) return false;
  if (!within(c.lifecycles, s.lifecycle)) return false;
  if (c.urgency && c.urgency.length > 0 && !c.urgency.some((u) => s.urgency.includes(u))) return false;
  if (c.urgent !== undefined && c.urgent !== s.urgency.length > 0) return false;
  if (c.minReach !== undefined && (s.reach ?? 0) < c.minReach) return false;
  if (!hasKeyword(c.keywords, s.text)) return false;
  if (c.businessHours) {
    const calendar = s.calendars.get(c.businessHours.id);
    if (!calendar || isOpenAt(calendar, s.at) !== c.businessHours.inside) return false;
  }
  return true;
}

/** The rules that apply to a message, in order: up to and including the first that does not continue. */
export function matchingRules(rules: readonly RoutingRule[], s: RoutingSubject): RoutingRule[] {
  const applied: RoutingRule[] = [];
  for (const rule of rules) {
    if (!rule.enabled || !conditionsHold(rule.conditions, s)) continue;
    applied.push(rule);
    if (!rule.continue) break;
  }
  return applied;
}

/** Who a notification is for, and which rule asked for it. */
export interface PlannedNotice {
  ruleId: number;
  ruleName: string;
  userIds: number[];
  teamIds: number[];
}

/** What routing will do to a conversation, merged from the rules applied. */
export interface RoutingPlan {
  rules: { id: number; name: string }[];
  /** The first assignment asked for (a team queue, or one person). */
  assign: { teamId: number } | { userId: number } | null;
  labels: string[];
  priority: number | null;
  notify: PlannedNotice[];
  approval: boolean;
}

/** Merges the actions of the rules applied into one plan (see the module comment). */
export function planFor(applied: readonly RoutingRule[]): RoutingPlan {
  const plan: RoutingPlan = {
    rules: applied.map((r) => ({ id: r.id, name: r.name })),
    assign: null,
    labels: [],
    priority: null,
    notify: [],
    approval: false,
  };
  for (const rule of applied) {
    for (const a of rule.actions) {
      if (a.type === 'assign_team') plan.assign ??= { teamId: a.teamId };
      else if (a.type === 'assign_user') plan.assign ??= { userId: a.userId };
      else if (a.type === 'add_label' && !plan.labels.includes(a.label)) plan.labels.push(a.label);
      else if (a.type === 'set_priority') plan.priority ??= a.priority;
      else if (a.type === 'require_approval') plan.approval = true;
      else if (a.type === 'notify')
        plan.notify.push({ ruleId: rule.id, ruleName: rule.name, userIds: a.userIds, teamIds: a.teamIds });
    }
  }
  return plan;
}
