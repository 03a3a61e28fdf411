import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from './business-hours.js';
import {
  conditionsHold,
  isOpenAt,
  matchingRules,
  planFor,
  type RoutingRule,
  type RoutingSubject,
} from './routing.js';

const nineToFive = [{ start: 9 * 60, end: 17 * 60 }];
const berlin: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  weekly: {
    sun: [],
    mon: nineToFive,
    tue: nineToFive,
    wed: nineToFive,
    thu: nineToFive,
    fri: nineToFive,
    sat: [],
  },
  holidays: ['2026-12-24'],
};
// Wednesday 2 December 2026, 10:00 in Berlin (09:00 UTC)
const WED_10 = Date.UTC(2026, 11, 2, 9, 0);

const subject = (over: Partial<RoutingSubject> = {}): RoutingSubject => ({
  channel: 'bluesky',
  sentiment: 'neutral',
  intent: 'question',
  urgency: [],
  language: 'en',
  text: 'How do I set up the API integration?',
  lifecycle: 'customer',
  reach: 120,
  at: WED_10,
  calendars: new Map([[7, berlin]]),
  ...over,
});

const rule = (id: number, over: Partial<RoutingRule> = {}): RoutingRule => ({
  id,
  name: `rule ${id}`,
  enabled: true,
  continue: false,
  conditions: {},
  actions: [],
  ...over,
});

describe('routing conditions', () => {
  it('matches every condition kind, and refuses when one does not hold', () => {
    const all = {
      channels: ['bluesky'],
      sentiments: ['neutral'],
      intents: ['question'],
      languages: ['en'],
      lifecycles: ['customer'],
      keywords: ['integration'],
      minReach: 100,
      businessHours: { id: 7, inside: true },
    };
    expect(conditionsHold(all, subject())).toBe(true);
    expect(conditionsHold({ ...all, channels: ['email'] }, subject())).toBe(false);
    expect(conditionsHold({ ...all, sentiments: ['negative'] }, subject())).toBe(false);
    expect(conditionsHold({ ...all, intents: ['praise'] }, subject())).toBe(false);
    expect(conditionsHold({ ...all, languages: ['de'] }, subject())).toBe(false);
    expect(conditionsHold({ ...all, lifecycles: ['prospect'] }, subject())).toBe(false);
    expect(conditionsHold({ ...all, keywords: ['refund'] }, subject())).toBe(false);
    expect(conditionsHold({ ...all, minReach: 1000 }, subject())).toBe(false);
    expect(conditionsHold({ ...all, businessHours: { id: 7, inside: false } }, subject())).toBe(false);
    expect(conditionsHold({}, subject({ sentiment: null, intent: null }))).toBe(true);
  });

  it('matches keywords as whole words or phrases, case-insensitive', () => {
    expect(conditionsHold({ keywords: ['API'] }, subject())).toBe(true);
    expect(conditionsHold({ keywords: ['set up the'] }, subject())).toBe(true);
    expect(conditionsHold({ keywords: ['bug'] }, subject({ text: 'please debug this' }))).toBe(false);
    expect(conditionsHold({ keywords: ['bug'] }, subject({ text: 'Found a BUG!' }))).toBe(true);
    expect(conditionsHold({ keywords: ['c++'] }, subject({ text: 'a c++ question' }))).toBe(true);
  });

  it('matches urgency by cue or by any cue', () => {
    const urgent = subject({ urgency: ['safety'] });
    expect(conditionsHold({ urgency: ['safety', 'money_lost'] }, urgent)).toBe(true);
    expect(conditionsHold({ urgency: ['money_lost'] }, urgent)).toBe(false);
    expect(conditionsHold({ urgent: true }, urgent)).toBe(true);
    expect(conditionsHold({ urgent: true }, subject())).toBe(false);
    expect(conditionsHold({ urgent: false }, subject())).toBe(true);
  });

  it('tells inside from outside business hours across closing time, the weekend and a holiday', () => {
    expect(isOpenAt(berlin, WED_10)).toBe(true);
    expect(isOpenAt(berlin, Date.UTC(2026, 11, 2, 16, 0))).toBe(false); // 17:00 Berlin: closed
    expect(isOpenAt(berlin, Date.UTC(2026, 11, 5, 10, 0))).toBe(false); // Saturday
    expect(isOpenAt(berlin, Date.UTC(2026, 11, 24, 10, 0))).toBe(false); // holiday
    const outside = { businessHours: { id: 7, inside: false } };
    expect(conditionsHold(outside, subject({ at: Date.UTC(2026, 11, 5, 10, 0) }))).toBe(true);
    // hours that no longer exist never match
    expect(conditionsHold({ businessHours: { id: 99, inside: true } }, subject())).toBe(false);
  });
});

describe('rule order', () => {
  it('applies the first match only, unless it says continue; disabled rules are skipped', () => {
    const rules = [
      rule(1, { enabled: false }),
      rule(2, { conditions: { intents: ['praise'] } }),
      rule(3, { continue: true, actions: [{ type: 'add_label', label: 'question' }] }),
      rule(4, {
        actions: [
          { type: 'assign_team', teamId: 10 },
          { type: 'set_priority', priority: 80 },
        ],
      }),
      rule(5, { actions: [{ type: 'assign_team', teamId: 11 }] }),
    ];
    expect(matchingRules(rules, subject()).map((r) => r.id)).toEqual([3, 4]);
    const plan = planFor(matchingRules(rules, subject()));
    expect(plan).toMatchObject({
      rules: [
        { id: 3, name: 'rule 3' },
        { id: 4, name: 'rule 4' },
      ],
      assign: { teamId: 10 },
      labels: ['question'],
      priority: 80,
      approval: false,
    });
  });

  it('keeps the first assignment and priority, adds up labels, notifications and approval', () => {
    const plan = planFor([
      rule(1, {
        continue: true,
        actions: [
          { type: 'assign_user', userId: 5 },
          { type: 'add_label', label: 'vip' },
          { type: 'notify', userIds: [5], teamIds: [] },
        ],
      }),
      rule(2, {
        actions: [
          { type: 'assign_team', teamId: 3 },
          { type: 'add_label', label: 'vip' },
          { type: 'add_label', label: 'press' },
          { type: 'require_approval' },
          { type: 'notify', userIds: [], teamIds: [3] },
        ],
      }),
    ]);
    expect(plan.assign).toEqual({ userId: 5 });
    expect(plan.labels).toEqual(['vip', 'press']);
    expect(plan.approval).toBe(true);
    expect(plan.notify).toEqual([
      { ruleId: 1, ruleName: 'rule 1', userIds: [5], teamIds: [] },
      { ruleId: 2, ruleName: 'rule 2', userIds: [], teamIds: [3] },
    ]);
    expect(planFor([]).rules).toEqual([]);
  });
});
