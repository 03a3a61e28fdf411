import { describe, expect, it } from 'vitest';
import {
  contactOfKey,
  DAY_MS,
  detectCommitment,
  nextOccurrence,
  occasionDue,
  rankToday,
  suggestJourney,
  type TodayCandidate,
} from './today.js';

const NOW = Date.UTC(2026, 11, 5, 9); // 5 December 2026

describe('detectCommitment', () => {
  it.each([
    "I'll check with the store and get back to you",
    'Thanks! We will let you know as soon as it ships.',
    'Let me check with the warehouse and I will get back to you tomorrow.',
    "We'll keep you posted.",
    'I will follow up on Monday.',
  ])('finds the promise in %j', (text) => {
    expect(detectCommitment(text)).not.toBeNull();
  });

  it.each([
    'Your order shipped today.',
    'Let us know if you need anything else!',
    'You will get back your refund in 3 days.',
    'I checked: it is in stock.',
  ])('finds none in %j', (text) => {
    expect(detectCommitment(text)).toBeNull();
  });

  it('returns the sentence that makes the promise', () => {
    expect(
      detectCommitment("Sorry about that. I'll check with the store and get back to you. Best, Alex"),
    ).toBe("I'll check with the store and get back to you.");
  });
});

describe('occasions', () => {
  it('counts days to the next occurrence, today included, across the new year and 29 February', () => {
    expect(nextOccurrence({ month: 12, day: 6 }, NOW)).toEqual({ inDays: 1, year: 2026 });
    expect(nextOccurrence({ month: 12, day: 5 }, NOW)).toEqual({ inDays: 0, year: 2026 });
    expect(nextOccurrence({ month: 12, day: 4 }, NOW).year).toBe(2027);
    expect(nextOccurrence({ month: 1, day: 2 }, NOW)).toEqual({ inDays: 28, year: 2027 });
    expect(nextOccurrence({ month: 2, day: 29 }, Date.UTC(2027, 1, 27))).toEqual({ inDays: 1, year: 2027 });
  });

  it('is due within its reminder days only', () => {
    expect(occasionDue({ month: 12, day: 8, remindDaysBefore: 3 }, NOW)).toEqual({ inDays: 3, year: 2026 });
    expect(occasionDue({ month: 12, day: 9, remindDaysBefore: 3 }, NOW)).toBeNull();
  });
});

describe('rankToday', () => {
  const c = (key: string, contactId: number, score: number, proactive = true): TodayCandidate => ({
    key,
    kind: 'occasion',
    contactId,
    reason: key,
    score,
    conversationId: null,
    messageId: null,
    proactive,
  });
  const all = [c('a', 1, 10), c('b', 2, 50), c('c', 3, 30), c('d', 2, 40), c('e', 4, 90, false)];

  it('ranks best first, one per person, within what is left of the day', () => {
    const ranked = rankToday(all, { actions: [], optedOut: new Set(), now: NOW, remaining: 3 });
    expect(ranked.map((r) => r.key)).toEqual(['e', 'b', 'c']);
    expect(rankToday(all, { actions: [], optedOut: new Set(), now: NOW, remaining: 0 })).toEqual([]);
  });

  it('never repeats what was done or dismissed; brings back a snooze once it ends', () => {
    const actions = [
      { key: 'e', action: 'done' as const, until: null },
      { key: 'b', action: 'dismissed' as const, until: null },
      { key: 'c', action: 'snoozed' as const, until: NOW + DAY_MS },
    ];
    expect(
      rankToday(all, { actions, optedOut: new Set(), now: NOW, remaining: 9 }).map((r) => r.key),
    ).toEqual(['d', 'a']);
    expect(
      rankToday(all, { actions, optedOut: new Set(), now: NOW + DAY_MS, remaining: 9 }).map((r) => r.key),
    ).toEqual(['d', 'c', 'a']);
  });

  it("leaves out opted-out people's proactive suggestions, never the team's own promises", () => {
    const ranked = rankToday(all, { actions: [], optedOut: new Set([2, 4]), now: NOW, remaining: 9 });
    expect(ranked.map((r) => r.key)).toEqual(['e', 'c', 'a']);
  });
});

describe('keys and journeys', () => {
  it('reads the contact from a well-formed key only', () => {
    expect(contactOfKey('occasion:12:5-2026')).toBe(12);
    expect(contactOfKey('occasion:12')).toBeNull();
    expect(contactOfKey('other:12:x')).toBeNull();
  });

  it('suggests a journey stage from what the person wrote last', () => {
    const m = (text: string, intent: string | null = null) => ({
      text,
      intent,
      direction: 'inbound' as const,
    });
    expect(suggestJourney([m('How much does the pro plan cost?')])).toBe('research');
    expect(suggestJourney([m('How much?'), m('I want to order two', 'purchase_intent')])).toBe('decision');
    expect(suggestJourney([m('I recommended you to all my friends')])).toBe('advocacy');
    expect(suggestJourney([m('hello')])).toBeNull();
  });
});
