import type { Intent, Lifecycle, Sentiment, UrgencyCue } from './types.js';

/**
 * The 0–100 priority, as a pure function so the inbox can re-score a conversation (e.g. as waiting
 * time grows) without re-running a model. Weights, documented here because agents ask "why is this
 * on top?":
 * - sentiment: negative 40 + up to 25 by strength; neutral 25; positive 10;
 * - intent: churn risk +15, purchase intent +10, question +8, complaint +5, thanks/praise −5;
 * - urgency: safety +25, money lost +15, locked out +12, disruption now +10, escalating anger +10
 *   (at most +35 together);
 * - reach: +3 per factor of ten followers, at most +12 (a 1M-follower complaint is public);
 * - lifecycle: advocate +6 and customer +5 (relationships at stake), prospect +3 (a sale at stake),
 *   former +2 (win-back);
 * - waiting: +1 per 4 minutes waited, at most +15, so nothing starves at the bottom.
 */
export interface PriorityInput {
  sentiment: Sentiment;
  /** In [-1, 1]. */
  sentimentScore: number;
  intent: Intent;
  urgency: readonly UrgencyCue[];
  authorFollowers?: number | null;
  lifecycle?: Lifecycle | null;
  waitingMs?: number;
}

const INTENT_POINTS: Record<Intent, number> = {
  churn_risk: 15,
  purchase_intent: 10,
  question: 8,
  complaint: 5,
  feature_request: 2,
  other: 0,
  thanks: -5,
  praise: -5,
};

const URGENCY_POINTS: Record<UrgencyCue, number> = {
  safety: 25,
  money_lost: 15,
  locked_out: 12,
  disruption_now: 10,
  escalating_anger: 10,
};

const LIFECYCLE_POINTS: Record<Lifecycle, number> = { advocate: 6, customer: 5, prospect: 3, former: 2 };

/** Combines the parts into a 0–100 integer priority; higher is answered first. */
export function computePriority(p: PriorityInput): number {
  let score =
    p.sentiment === 'negative'
      ? 40 + 25 * Math.min(1, Math.abs(p.sentimentScore))
      : p.sentiment === 'neutral'
        ? 25
        : 10;
  score += INTENT_POINTS[p.intent];
  let urgent = 0;
  for (const u of new Set(p.urgency)) urgent += URGENCY_POINTS[u];
  score += Math.min(35, urgent);
  const followers = p.authorFollowers ?? 0;
  if (followers > 0) score += Math.min(12, 3 * Math.log10(followers + 1));
  if (p.lifecycle) score += LIFECYCLE_POINTS[p.lifecycle];
  if (p.waitingMs && p.waitingMs > 0) score += Math.min(15, p.waitingMs / 240_000);
  return Math.max(0, Math.min(100, Math.round(score)));
}
