import type { Kysely } from 'kysely';
import { channelDefinitions } from '../channels/registry.js';
import type { PauseInterval } from '../domain/business-hours.js';
import type { SummaryClock } from '../domain/conversation-summary.js';
import { type SlaRules, slaRules } from '../domain/sla.js';
import type { Config } from '../platform/config.js';
import type { ConversationClockFacts } from '../store/ingest-lookups.js';
import type { Database } from '../store/schema.js';
import { loadStoredSlaRules } from '../store/sla-repo.js';

/** The install's SLA rules: its stored policies in order, then the built-in default from config. */
export async function loadSlaRules(config: Config, db: Kysely<Database>): Promise<SlaRules> {
  return slaRules(
    await loadStoredSlaRules(db),
    config.RAPPORT_SLA_NEGATIVE_MINUTES,
    config.RAPPORT_SLA_DEFAULT_MINUTES,
  );
}

/**
 * Whether Rapport can reply on a conversation: through its channel account, or, for channels that
 * fall back to the generic one (API and imported channels), through the configured webhook. A
 * connector's channel (email, chat, Bluesky) without an account has no way out.
 */
export function canReplyOn(config: Config, channel: string, accountId: number | null): boolean {
  if (accountId !== null) return true;
  const connector = channelDefinitions.some((d) => d.type === channel && d.type !== 'generic');
  return !connector && Boolean(config.RAPPORT_GENERIC_WEBHOOK_URL);
}

/** Reads stored snoozes, ignoring anything that is not a list of [from, to] pairs. */
export function parsePauses(json: string | null): PauseInterval[] {
  if (!json) return [];
  try {
    const value = JSON.parse(json) as unknown;
    if (!Array.isArray(value)) return [];
    return value.filter(
      (p): p is [number, number | null] =>
        Array.isArray(p) && typeof p[0] === 'number' && (typeof p[1] === 'number' || p[1] === null),
    );
  } catch {
    return [];
  }
}

/**
 * Ends the snoozes still running at `now` (the conversation came back: a customer wrote, or someone
 * changed its status), so the clock runs again from then.
 */
export function endPauses(pauses: PauseInterval[], now: number): PauseInterval[] {
  return pauses.map(([from, to]) => [from, to === null || to > now ? Math.max(from, now) : to] as const);
}

/** How many past snoozes a conversation keeps for its clock (older ones no longer move a due time). */
const KEPT_PAUSES = 20;

/** The snoozes after a new one from `now` to `until` (one still running ends where it starts). */
export function snoozePauses(json: string | null, now: number, until: number): PauseInterval[] {
  return [...endPauses(parsePauses(json), now), [now, until] as const].slice(-KEPT_PAUSES);
}

/** A conversation's clock, from its stored facts. */
export function clockOf(
  config: Config,
  rules: SlaRules,
  facts: Pick<ConversationClockFacts, 'channel' | 'channel_account_id' | 'sla_history' | 'sla_pauses_json'>,
  options: { history?: boolean; endPausesAt?: number } = {},
): SummaryClock {
  const history = options.history ?? facts.sla_history === 1;
  const stored = parsePauses(facts.sla_pauses_json);
  const pauses = options.endPausesAt === undefined ? stored : endPauses(stored, options.endPausesAt);
  const replyable =
    config.RAPPORT_SLA_TIMERS_WITHOUT_REPLY || canReplyOn(config, facts.channel, facts.channel_account_id);
  return { rules, channel: facts.channel, history, running: !history && replyable, pauses };
}
