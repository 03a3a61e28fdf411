import { describe, expect, it } from 'vitest';
import {
  ADVOCATE_THRESHOLD,
  advocateScore,
  churnRisk,
  isRecommendation,
  reasonsKey,
  type ScoredMessage,
  scoreSignals,
  sentimentFalling,
} from './people-scores.js';

const DAY = 86_400_000;
const now = Date.UTC(2026, 5, 1);
const msg = (over: Partial<ScoredMessage>): ScoredMessage => ({
  at: now - DAY,
  sentiment: 'neutral',
  intent: 'other',
  text: 'hello',
  reshare: false,
  ...over,
});

describe('advocate score', () => {
  it('is zero for someone who only asked questions, however many followers', () => {
    const s = scoreSignals([msg({ intent: 'question' }), msg({})], 100_000);
    expect(s).toEqual({ positiveMentions: 0, reshares: 0, recommendations: 0, reach: 100_000 });
    expect(advocateScore(s)).toBe(0);
  });

  it('grows with positive mentions, reshares, recommendations and reach', () => {
    const praise = msg({ sentiment: 'positive', intent: 'praise', text: 'Lovely bread!' });
    const one = advocateScore(scoreSignals([praise], 0));
    const more = advocateScore(scoreSignals([praise, praise, msg({ reshare: true })], 0));
    const recommends = advocateScore(
      scoreSignals([praise, msg({ text: 'I highly recommend this bakery to everyone' })], 0),
    );
    const famous = advocateScore(scoreSignals([praise], 50_000));
    expect(one).toBeGreaterThan(0);
    expect(more).toBeGreaterThan(one);
    expect(recommends).toBeGreaterThan(one);
    expect(famous).toBeGreaterThan(one);
  });

  it('reaches the advocate threshold for a fan who recommends and reshares, and stays within 100', () => {
    const fan = [
      ...Array.from({ length: 20 }, () => msg({ sentiment: 'positive', intent: 'praise' })),
      ...Array.from({ length: 10 }, () => msg({ reshare: true })),
      ...Array.from({ length: 5 }, () => msg({ text: 'you should try their croissants' })),
    ];
    const score = advocateScore(scoreSignals(fan, 1_000_000));
    expect(score).toBeGreaterThanOrEqual(ADVOCATE_THRESHOLD);
    expect(score).toBeLessThanOrEqual(100);
  });

  it('knows a recommendation from a complaint about one', () => {
    expect(isRecommendation('I would recommend them to anyone')).toBe(true);
    expect(isRecommendation('Ich kann euch nur empfehlen')).toBe(true);
    expect(isRecommendation('What do you recommend for a birthday?')).toBe(false);
    const s = scoreSignals([msg({ sentiment: 'negative', text: 'I would recommend avoiding them' })], 0);
    expect(s.recommendations).toBe(0);
  });
});

describe('churn risk', () => {
  it('is not flagged for a happy customer', () => {
    expect(churnRisk([msg({ sentiment: 'positive' })], [], now)).toEqual({ atRisk: false, reasons: [] });
  });

  it('flags churn intent and repeated negatives in the window, not older ones', () => {
    const old = now - 90 * DAY;
    const messages = [
      msg({ at: old, intent: 'churn_risk' }),
      msg({ at: old, sentiment: 'negative' }),
      msg({ at: old, sentiment: 'negative' }),
      msg({ at: old, sentiment: 'negative' }),
    ];
    expect(churnRisk(messages, [], now).reasons).toEqual([]);
    const fresh = messages.map((m) => ({ ...m, at: now - DAY }));
    expect(churnRisk(fresh, [], now).reasons).toEqual(['churn_intent', 'repeated_negatives']);
  });

  it('flags a breached complaint, else one left waiting for the team for days; resolved ones do not count', () => {
    const c = { conversationId: 1, resolved: false, awaitingTeam: true, breached: false, since: now - DAY };
    expect(churnRisk([], [c], now).reasons).toEqual([]);
    expect(churnRisk([], [{ ...c, since: now - 4 * DAY }], now).reasons).toEqual(['complaint_unresolved']);
    // answered, and the person has not written since: not left unresolved
    expect(churnRisk([], [{ ...c, since: now - 4 * DAY, awaitingTeam: false }], now).atRisk).toBe(false);
    expect(churnRisk([], [{ ...c, breached: true }], now).reasons).toEqual(['complaint_breached']);
    expect(churnRisk([], [{ ...c, breached: true, resolved: true }], now).atRisk).toBe(false);
  });

  it('flags falling sentiment only on a real fall', () => {
    const seq = (s: string[]) => s.map((sentiment, i) => msg({ sentiment, at: now - (10 - i) * DAY }));
    expect(
      sentimentFalling(seq(['positive', 'positive', 'positive', 'neutral', 'negative', 'neutral'])),
    ).toBe(true);
    expect(sentimentFalling(seq(['neutral', 'neutral', 'neutral', 'neutral', 'neutral', 'neutral']))).toBe(
      false,
    );
    expect(sentimentFalling(seq(['positive', 'negative']))).toBe(false);
    expect(reasonsKey(['churn_intent', 'falling_sentiment'])).toBe('0-4');
  });
});
