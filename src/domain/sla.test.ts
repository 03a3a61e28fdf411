import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from './business-hours.js';
import { type MessageFacts, summarizeConversation } from './conversation-summary.js';
import { dueFor, policyFor, type SlaPolicyRule, slaRules } from './sla.js';

const M = 60_000;
const weekdays9to5 = [{ start: 9 * 60, end: 17 * 60 }];
const london: BusinessCalendar = {
  timeZone: 'Europe/London',
  weekly: {
    sun: [],
    mon: weekdays9to5,
    tue: weekdays9to5,
    wed: weekdays9to5,
    thu: weekdays9to5,
    fri: weekdays9to5,
    sat: [],
  },
  holidays: [],
};
const vip: SlaPolicyRule = {
  id: 1,
  name: 'Urgent on email',
  conditions: { channels: ['email'], priorityMin: 70 },
  targets: { firstResponseMinutes: 5, nextResponseMinutes: 10, resolutionMinutes: 240, calendar: null },
};
const office: SlaPolicyRule = {
  id: 2,
  name: 'Questions in office hours',
  conditions: { intents: ['question'] },
  targets: { firstResponseMinutes: 120, nextResponseMinutes: 60, resolutionMinutes: null, calendar: london },
};
const rules = slaRules([vip, office], 15, 60);

function msg(id: number, at: number, over: Partial<MessageFacts> = {}): MessageFacts {
  return {
    id,
    direction: 'inbound',
    created_at: at,
    sentiment: 'neutral',
    priority: 40,
    intent: 'other',
    contact_id: 1,
    preview: 'hello',
    delivery_status: 'received',
    ...over,
  };
}

describe('SLA policies', () => {
  it('takes the first policy that matches, then the built-in default (negative 15, others 60)', () => {
    const subject = { channel: 'email', sentiment: 'negative' as const, intent: 'question', priority: 80 };
    expect(policyFor(rules, subject).name).toBe('Urgent on email');
    expect(policyFor(rules, { ...subject, priority: 50 }).name).toBe('Questions in office hours');
    expect(
      policyFor(rules, { ...subject, intent: 'complaint', priority: 50 }).targets.firstResponseMinutes,
    ).toBe(15);
    expect(policyFor(rules, { ...subject, sentiment: 'neutral', intent: null, priority: null }).name).toBe(
      'Default',
    );
  });

  it('gives first-response, next-response and resolution due times from the matched policy', () => {
    const t0 = Date.UTC(2026, 5, 3, 10); // a Wednesday
    const clock = { rules, channel: 'email', running: true, history: false, pauses: [] };
    const first = summarizeConversation([msg(1, t0, { priority: 90 })], clock);
    expect(first.first_response_due_at).toBe(t0 + 5 * M);
    expect(first.reply_due_at).toBe(t0 + 5 * M);
    expect(first.resolution_due_at).toBe(t0 + 240 * M);
    const answered = summarizeConversation(
      [
        msg(1, t0, { priority: 90 }),
        msg(2, t0 + M, { direction: 'outbound', delivery_status: 'sent' }),
        msg(3, t0 + 2 * M, { priority: 90 }),
      ],
      clock,
    );
    expect(answered.first_response_at).toBe(t0 + M);
    expect(answered.reply_due_at).toBe(t0 + 12 * M); // next response: 10 minutes
  });

  it('counts business hours where the policy says so: a Friday-evening question is due Monday', () => {
    const friday = Date.UTC(2026, 5, 5, 16, 30); // 17:30 BST, after closing
    expect(dueFor(office.targets, 'first', friday)).toBe(Date.UTC(2026, 5, 8, 10, 0)); // Mon 11:00 BST
  });

  it('pauses while snoozed and runs no timers at all where they are off', () => {
    const t0 = Date.UTC(2026, 5, 3, 10);
    const snoozed = summarizeConversation([msg(1, t0)], {
      rules,
      channel: 'generic',
      running: true,
      history: false,
      pauses: [[t0 + 10 * M, t0 + 70 * M]],
    });
    expect(snoozed.reply_due_at).toBe(t0 + 120 * M);
    const off = summarizeConversation([msg(1, t0)], {
      rules,
      channel: 'generic',
      running: false,
      history: true,
      pauses: [],
    });
    expect(off).toMatchObject({
      reply_due_at: null,
      first_response_due_at: null,
      waiting_since: t0,
      sla_history: 1,
    });
  });
});
