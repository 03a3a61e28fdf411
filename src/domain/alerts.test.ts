import { describe, expect, it } from 'vitest';
import { alertText, defaultAlertSettings, deliveriesFor, firstRecipients, inQuietHours } from './alerts.js';

// Wednesday 2 December 2026, 22:30 in Berlin (21:30 UTC)
const LATE = Date.UTC(2026, 11, 2, 21, 30);
const quiet = { start: '22:00', end: '07:00', timeZone: 'Europe/Berlin' };

describe('quiet hours', () => {
  it('wrap midnight in the person’s time zone, start inclusive and end exclusive', () => {
    expect(inQuietHours(quiet, LATE)).toBe(true);
    expect(inQuietHours(quiet, Date.UTC(2026, 11, 2, 20, 59))).toBe(false); // 21:59 Berlin
    expect(inQuietHours(quiet, Date.UTC(2026, 11, 2, 21, 0))).toBe(true); // 22:00
    expect(inQuietHours(quiet, Date.UTC(2026, 11, 3, 5, 59))).toBe(true); // 06:59
    expect(inQuietHours(quiet, Date.UTC(2026, 11, 3, 6, 0))).toBe(false); // 07:00
    expect(inQuietHours({ ...quiet, timeZone: 'America/New_York' }, LATE)).toBe(false); // 16:30 there
    expect(inQuietHours({ start: '09:00', end: '12:00', timeZone: 'UTC' }, Date.UTC(2026, 0, 1, 10))).toBe(
      true,
    );
    expect(inQuietHours(null, LATE)).toBe(false);
  });

  it('hold every delivery; kinds turned off get none; otherwise each chosen means', () => {
    const s = {
      ...defaultAlertSettings,
      email: true,
      webhookUrl: 'https://hooks.example/x',
      quietHours: quiet,
    };
    expect(deliveriesFor(s, 'negative', LATE)).toBe('quiet');
    expect(deliveriesFor(s, 'negative', LATE - 3_600_000)).toEqual(['push', 'email', 'webhook']);
    expect(deliveriesFor({ ...s, kinds: ['mention'] }, 'negative', LATE - 3_600_000)).toEqual([]);
  });
});

describe('recipients and words', () => {
  const base = { named: [], onCall: [7, 8], everyone: [1, 2, 7, 8] };
  it('assignee, else the first on call, else everyone; mentions and assignments to the people named', () => {
    expect(firstRecipients({ ...base, kind: 'negative', assigneeId: 2 })).toEqual([2]);
    expect(firstRecipients({ ...base, kind: 'negative', assigneeId: null })).toEqual([7]);
    expect(firstRecipients({ ...base, kind: 'sla_breach', assigneeId: null, onCall: [] })).toEqual([
      1, 2, 7, 8,
    ]);
    expect(firstRecipients({ ...base, kind: 'mention', assigneeId: 2, named: [8, 8] })).toEqual([8]);
    expect(firstRecipients({ ...base, kind: 'routing', assigneeId: 2, named: [1] })).toEqual([1]);
    expect(firstRecipients({ ...base, kind: 'assigned', assigneeId: null })).toEqual([]);
  });

  it('say who and what, and link the conversation', () => {
    expect(
      alertText({
        kind: 'negative',
        conversationId: 51,
        customer: 'Dana',
        channel: 'email',
        firstLine: '\nMy food made me sick.\nSecond line',
      }),
    ).toEqual({ title: 'Negative message: Dana on email', body: 'My food made me sick.', url: '/c/51' });
    expect(
      alertText({
        kind: 'sla_warning',
        conversationId: 3,
        customer: null,
        channel: 'chat',
        firstLine: 'x',
        dueInMinutes: 4.2,
      }).title,
    ).toBe('Reply due in 4 min: A customer on chat');
    expect(
      alertText({
        kind: 'negative_spike',
        conversationId: null,
        customer: null,
        channel: 'bluesky',
        firstLine: '',
        count: 9,
      }),
    ).toMatchObject({
      title: 'Negative spike on bluesky: 9 negative messages',
      url: '/',
    });
  });
});
