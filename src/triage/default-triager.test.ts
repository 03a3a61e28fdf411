import { describe, expect, it } from 'vitest';
import { defaultTriager } from './default-triager.js';
import { computePriority } from './priority.js';

// Complaints with no classic sentiment word, across industries (none of these is a training example).
const QUIET_COMPLAINTS = [
  'still no signal in my flat since tuesday', // telecom
  'my parcel has not arrived and tracking shows nothing for 5 days', // e-commerce
  'the transfer I made on monday is still pending', // banking
  'been waiting 40 minutes for a driver to pick up my order', // food delivery
  'cant log in since the password reset', // software
  'charged twice for one subscription', // fintech
  'the meter reading on my bill is wrong again', // utilities
  'third email and nobody has replied about my claim', // insurance
  'why has my train been sitting outside the station for an hour?', // travel
];

describe('defaultTriager', () => {
  it('flags complaints that carry no sentiment words, across industries', () => {
    // A complaint is an intent, not a sentiment: calm reports may stay neutral, never positive.
    const missed = QUIET_COMPLAINTS.filter((t) => {
      const r = defaultTriager.triage({ text: t });
      return r.intent !== 'complaint' || r.sentiment === 'positive';
    });
    expect(missed).toEqual([]);
  });

  it('keeps plain questions neutral and thanks positive', () => {
    expect(defaultTriager.triage({ text: 'what time do you open on saturday?' }).sentiment).toBe('neutral');
    expect(defaultTriager.triage({ text: 'how do I change the name on my account?' }).intent).toBe(
      'question',
    );
    // "hours" alone is not a wait: only a duration ("3 hours", "for hours") is a complaint cue
    const openingHours = defaultTriager.triage({ text: 'Quick question about opening hours' });
    expect(openingHours.sentiment).not.toBe('negative');
    expect(defaultTriager.triage({ text: 'been on hold for 3 hours, nobody answers' }).sentiment).toBe(
      'negative',
    );
    const thanks = defaultTriager.triage({ text: 'thank you so much, the engineer was brilliant' });
    expect(thanks.sentiment).toBe('positive');
    expect(thanks.intent).toBe('thanks');
  });

  it('is deterministic and explains itself', () => {
    const text = 'Still no refund after 3 weeks!!! I want to cancel my account';
    const a = defaultTriager.triage({ text });
    const b = defaultTriager.triage({ text });
    expect(a).toEqual(b);
    expect(a.sentiment).toBe('negative');
    expect(a.sentimentScore).toBeLessThan(0);
    expect(a.intent).toBe('churn_risk');
    expect(a.urgency).toContain('money_lost');
    expect(a.urgency).toContain('escalating_anger');
    expect(a.explanation.some((e) => e.startsWith('cue: '))).toBe(true);
    expect(a.model).toMatch(/^default@\d+$/);
  });

  it('finds urgency and complaint types', () => {
    expect(
      defaultTriager.triage({ text: 'there is smoke coming out of the charger you sold me' }).urgency,
    ).toContain('safety');
    const locked = defaultTriager.triage({ text: 'locked out of my account and my rent is due today' });
    expect(locked.urgency).toContain('locked_out');
    expect(locked.complaintType).toBe('account_access');
  });

  it('orders priority: negative + urgent + high reach > neutral question > praise', () => {
    const urgent = defaultTriager.triage({
      text: 'you charged me twice and the app is down, still no refund',
      authorFollowers: 250_000,
      lifecycle: 'customer',
    });
    const question = defaultTriager.triage({ text: 'do you ship to canada?', authorFollowers: 300 });
    const praise = defaultTriager.triage({ text: 'love the new app, great job team', authorFollowers: 300 });
    expect(urgent.priority).toBeGreaterThan(question.priority);
    expect(question.priority).toBeGreaterThan(praise.priority);
    expect(urgent.priority).toBeGreaterThanOrEqual(80);
  });
});

describe('computePriority', () => {
  it('is bounded and grows with waiting time and reach', () => {
    const base = { sentiment: 'neutral', sentimentScore: 0, intent: 'question', urgency: [] } as const;
    const p0 = computePriority(base);
    expect(computePriority({ ...base, waitingMs: 30 * 60_000 })).toBeGreaterThan(p0);
    expect(computePriority({ ...base, authorFollowers: 1_000_000 })).toBeGreaterThan(p0);
    const max = computePriority({
      sentiment: 'negative',
      sentimentScore: -1,
      intent: 'churn_risk',
      urgency: ['safety', 'money_lost', 'locked_out'],
      authorFollowers: 1e9,
      lifecycle: 'advocate',
      waitingMs: 1e9,
    });
    expect(max).toBe(100);
  });
});

describe('tokens and explanations', () => {
  it('keeps emoticons and squeezes elongations', async () => {
    const { tokenize } = await import('./text.js');
    const words = tokenize('Sooooo happy :) :-D but :( and <3 at 10:30').map((t) => t.word);
    expect(words).toEqual(['soo', 'happy', ':)', ':)', 'but', ':(', 'and', ':)', 'at', '0', '0']);
  });

  it('explains each message from its own features when messages are triaged back to back', () => {
    const texts = ['still no refund after 3 weeks', 'thank you, lovely staff', 'what time do you open?'];
    const once = texts.map((text) => defaultTriager.triage({ text }).explanation);
    const again = texts.map((text) => defaultTriager.triage({ text })).map((r) => r.explanation);
    expect(again).toEqual(once);
    expect(once[0]!.some((e) => e.startsWith('word: ') || e.startsWith('cue: '))).toBe(true);
  });
});
