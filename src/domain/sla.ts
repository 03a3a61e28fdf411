/** How long the team has to answer, by the sentiment of the customer's message. */
export interface ResponsePolicy {
  negativeMs: number;
  defaultMs: number;
}

/** Builds the policy from minutes (the config's RAPPORT_SLA_* settings). */
export function responsePolicy(negativeMinutes: number, defaultMinutes: number): ResponsePolicy {
  return { negativeMs: negativeMinutes * 60_000, defaultMs: defaultMinutes * 60_000 };
}

/** When a message received at `at` must be answered. */
export function dueAt(policy: ResponsePolicy, at: number, sentiment: string | null): number {
  return at + (sentiment === 'negative' ? policy.negativeMs : policy.defaultMs);
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
