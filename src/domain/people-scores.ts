/**
 * Advocate score and churn risk of a person (issue 12). Pure: the store gathers what the person
 * wrote and how their complaints stand; these functions turn it into a score, a flag and the
 * reasons behind both, so the team sees why and the people-scores listener can keep them current.
 */

const DAY_MS = 86_400_000;

/** One message the person sent, as scoring needs it (oldest first). */
export interface ScoredMessage {
  at: number;
  sentiment: string | null;
  intent: string | null;
  text: string;
  /** A quote or repost of the brand's post (known on channels that say so, e.g. Bluesky). */
  reshare: boolean;
}

/** A complaint conversation of the person: still open, and whether a due time was missed. */
export interface ComplaintFacts {
  conversationId: number;
  resolved: boolean;
  /** The person is waiting for the team (nothing answered since they last wrote). */
  awaitingTeam: boolean;
  breached: boolean;
  /** Since when they have been waiting (or when they complained). */
  since: number;
}

/** The counts a score comes from, kept with it so the page can say why. */
export interface ScoreSignals {
  positiveMentions: number;
  reshares: number;
  recommendations: number;
  /** Followers on their biggest channel (0 when unknown). */
  reach: number;
}

/** Why a person may be about to leave. */
export const churnReasons = [
  'churn_intent',
  'repeated_negatives',
  'complaint_breached',
  'complaint_unresolved',
  'falling_sentiment',
] as const;
export type ChurnReason = (typeof churnReasons)[number];

/** A person with at least this advocate score counts as an advocate (the advocates list). */
export const ADVOCATE_THRESHOLD = 40;
/** How far back negatives and churn intent count. */
export const CHURN_WINDOW_DAYS = 60;
/** How many negative messages in the window make "repeated negatives". */
export const REPEATED_NEGATIVES = 3;
/** A complaint left waiting for the team longer than this counts against the relationship. */
export const UNRESOLVED_AFTER_DAYS = 3;

const RECOMMENDATION =
  /\b(?:i(?:'d| would)? (?:highly |totally |definitely )?recommend|(?:highly|totally|definitely) recommend|recommended (?:you|them|it) to|told (?:all )?my (?:friends|family|colleagues)|you (?:should|have to|must) (?:try|check out|go to)|(?:ich )?empfehle|kann (?:ich )?(?:euch|sie|dich) (?:nur )?empfehlen)\b/i;

/** Whether a message recommends the business to others. */
export function isRecommendation(text: string): boolean {
  return RECOMMENDATION.test(text);
}

/** The counts behind the advocate score, from what the person wrote and their reach. */
export function scoreSignals(messages: readonly ScoredMessage[], followers: number | null): ScoreSignals {
  let positiveMentions = 0;
  let reshares = 0;
  let recommendations = 0;
  for (const m of messages) {
    const positive = m.sentiment === 'positive' || m.intent === 'praise' || m.intent === 'thanks';
    if (positive) positiveMentions += 1;
    if (m.reshare) reshares += 1;
    if (m.sentiment !== 'negative' && isRecommendation(m.text)) recommendations += 1;
  }
  return { positiveMentions, reshares, recommendations, reach: Math.max(0, followers ?? 0) };
}

/**
 * The advocate score, 0–100: positive mentions (up to 40), reshares (up to 25), recommendations
 * (up to 25) and reach (up to 10, on a log scale, and only when the person says good things).
 */
export function advocateScore(s: ScoreSignals): number {
  const mentions = Math.min(s.positiveMentions, 8) * 5;
  const reshares = Math.min(s.reshares, 5) * 5;
  const recommendations = Math.min(s.recommendations, 3) * 9;
  const good = s.positiveMentions + s.reshares + s.recommendations > 0;
  const reach = good ? Math.min(10, Math.floor(Math.log10(s.reach + 1) * 2.5)) : 0;
  return Math.min(100, mentions + reshares + Math.min(recommendations, 25) + reach);
}

const valence = (m: ScoredMessage): number | null =>
  m.sentiment === 'positive' ? 1 : m.sentiment === 'negative' ? -1 : m.sentiment === null ? null : 0;

/**
 * Whether sentiment is falling: the mean of the last three rated messages is at least 1 below the
 * mean of the three before them (on −1…1), and the latest is not positive.
 */
export function sentimentFalling(messages: readonly ScoredMessage[]): boolean {
  const rated = messages.map(valence).filter((v): v is number => v !== null);
  if (rated.length < 6) return false;
  const recent = rated.slice(-3);
  const before = rated.slice(-6, -3);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return mean(before) - mean(recent) >= 1 && (recent[recent.length - 1] ?? 0) < 1;
}

/** The churn-risk flag and its reasons (empty: not at risk), as of `now`. */
export function churnRisk(
  messages: readonly ScoredMessage[],
  complaints: readonly ComplaintFacts[],
  now: number,
): { atRisk: boolean; reasons: ChurnReason[] } {
  const since = now - CHURN_WINDOW_DAYS * DAY_MS;
  const recent = messages.filter((m) => m.at >= since);
  const reasons: ChurnReason[] = [];
  if (recent.some((m) => m.intent === 'churn_risk')) reasons.push('churn_intent');
  if (recent.filter((m) => m.sentiment === 'negative').length >= REPEATED_NEGATIVES) {
    reasons.push('repeated_negatives');
  }
  const open = complaints.filter((c) => !c.resolved);
  if (open.some((c) => c.breached)) reasons.push('complaint_breached');
  else if (open.some((c) => c.awaitingTeam && now - c.since >= UNRESOLVED_AFTER_DAYS * DAY_MS)) {
    reasons.push('complaint_unresolved');
  }
  if (sentimentFalling(messages)) reasons.push('falling_sentiment');
  return { atRisk: reasons.length > 0, reasons };
}

/** Reasons as a short key part (Today keys a churn-risk suggestion on which reasons it had). */
export function reasonsKey(reasons: readonly ChurnReason[]): string {
  return reasons.map((r) => churnReasons.indexOf(r)).join('-') || 'none';
}
