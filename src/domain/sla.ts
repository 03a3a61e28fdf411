import { addRunningTime, type BusinessCalendar, type PauseInterval } from './business-hours.js';

/** The sentiments a policy can match. */
export type SlaSentiment = 'negative' | 'neutral' | 'positive';

/** What a policy applies to; an absent or empty condition matches everything. */
export interface SlaConditions {
  channels?: string[];
  sentiments?: SlaSentiment[];
  intents?: string[];
  /** Priority band, inclusive (0–100). */
  priorityMin?: number;
  priorityMax?: number;
}

/** How long the team has, and whether those minutes count business time or every minute. */
export interface SlaTargets {
  firstResponseMinutes: number;
  nextResponseMinutes: number;
  /** From the first customer message to resolution; null: no resolution target. */
  resolutionMinutes: number | null;
  /** Business hours the minutes count in; null: 24/7. */
  calendar: BusinessCalendar | null;
}

/** One policy as the due-time computation sees it (its calendar already resolved). */
export interface SlaPolicyRule {
  /** The stored policy's id; null for the built-in default. */
  id: number | null;
  name: string;
  conditions: SlaConditions;
  targets: SlaTargets;
}

/**
 * The ordered policies of an install: the first whose conditions match a message wins; the
 * built-in default (today's fixed numbers: negative within 15 minutes, the rest within 60, 24/7)
 * comes last, so every message has a target.
 */
export interface SlaRules {
  policies: SlaPolicyRule[];
}

/** What a policy is matched on: the customer message's channel and triage. */
export interface SlaSubject {
  channel: string;
  sentiment: SlaSentiment | null;
  intent: string | null;
  priority: number | null;
}

/** The built-in default policies, from minutes (the config's RAPPORT_SLA_* settings). */
export function defaultPolicies(negativeMinutes: number, defaultMinutes: number): SlaPolicyRule[] {
  const targets = (minutes: number): SlaTargets => ({
    firstResponseMinutes: minutes,
    nextResponseMinutes: minutes,
    resolutionMinutes: null,
    calendar: null,
  });
  return [
    {
      id: null,
      name: 'Default: negative',
      conditions: { sentiments: ['negative'] },
      targets: targets(negativeMinutes),
    },
    { id: null, name: 'Default', conditions: {}, targets: targets(defaultMinutes) },
  ];
}

/** The rules of an install: its stored policies in order, then the built-in default. */
export function slaRules(stored: SlaPolicyRule[], negativeMinutes: number, defaultMinutes: number): SlaRules {
  return { policies: [...stored, ...defaultPolicies(negativeMinutes, defaultMinutes)] };
}

function within<T>(list: T[] | undefined, value: T | null): boolean {
  return !list || list.length === 0 || (value !== null && list.includes(value));
}

/** Whether a policy's conditions hold for a message. */
export function policyMatches(conditions: SlaConditions, s: SlaSubject): boolean {
  const priority = s.priority ?? 0;
  return (
    within(conditions.channels, s.channel) &&
    within(conditions.sentiments, s.sentiment) &&
    within(conditions.intents, s.intent) &&
    (conditions.priorityMin === undefined || priority >= conditions.priorityMin) &&
    (conditions.priorityMax === undefined || priority <= conditions.priorityMax)
  );
}

/** The first policy that matches (the default's last entry matches everything). */
export function policyFor(rules: SlaRules, s: SlaSubject): SlaPolicyRule {
  const found = rules.policies.find((p) => policyMatches(p.conditions, s));
  if (!found) throw new Error('SLA rules without a catch-all default');
  return found;
}

/** Which target of a policy a due time is for. */
export type SlaTargetKind = 'first' | 'next' | 'resolution';

/**
 * When a target falls due for a message received at `at`: business time when the policy has a
 * calendar, wall time otherwise, never counting pauses (snoozes). Null when it never falls due (no
 * such target, an open-ended pause, or a calendar with no open hour).
 */
export function dueFor(
  targets: SlaTargets,
  kind: SlaTargetKind,
  at: number,
  pauses: PauseInterval[] = [],
): number | null {
  const minutes =
    kind === 'first'
      ? targets.firstResponseMinutes
      : kind === 'next'
        ? targets.nextResponseMinutes
        : targets.resolutionMinutes;
  if (minutes === null) return null;
  return addRunningTime(at, minutes * 60_000, targets.calendar, pauses);
}

/** Where a waiting conversation stands against its due time, for the inbox countdown. */
export type SlaState = 'none' | 'ok' | 'near' | 'breached';

/** 'near' within the last fifth of the allowed time (at least 2 minutes), 'breached' after it. */
export function slaState(now: number, waitingSince: number | null, due: number | null): SlaState {
  if (waitingSince === null || due === null) return 'none';
  if (now >= due) return 'breached';
  const window = Math.max(120_000, (due - waitingSince) / 5);
  return due - now <= window ? 'near' : 'ok';
}
