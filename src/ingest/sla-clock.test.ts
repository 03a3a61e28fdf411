import { describe, expect, it } from 'vitest';
import { slaRules } from '../domain/sla.js';
import { configFrom } from '../platform/config.js';
import { canReplyOn, clockOf, endPauses, snoozePauses } from './sla-clock.js';

const withHook = configFrom({
  RAPPORT_GENERIC_WEBHOOK_URL: 'http://127.0.0.1:9/hook',
  RAPPORT_LOG_LEVEL: 'silent',
});
const without = configFrom({ RAPPORT_LOG_LEVEL: 'silent' });

describe('whether a conversation can reply, and so runs timers', () => {
  it('replies through its account, or through the webhook for API and imported channels', () => {
    expect(canReplyOn(without, 'email', 3)).toBe(true);
    expect(canReplyOn(without, 'email', null)).toBe(false);
    expect(canReplyOn(withHook, 'email', null)).toBe(false); // a connector's channel needs its account
    expect(canReplyOn(withHook, 'twitter', null)).toBe(true);
    expect(canReplyOn(without, 'twitter', null)).toBe(false);
    expect(canReplyOn(without, 'generic', null)).toBe(false);
  });

  it('runs no timers for history, nor without a way to reply unless asked', () => {
    const rules = slaRules([], 15, 60);
    const facts = { channel: 'twitter', channel_account_id: null, sla_history: 0, sla_pauses_json: null };
    expect(clockOf(withHook, rules, facts).running).toBe(true);
    expect(clockOf(withHook, rules, { ...facts, sla_history: 1 }).running).toBe(false);
    expect(clockOf(without, rules, facts).running).toBe(false);
    const asked = configFrom({ RAPPORT_SLA_TIMERS_WITHOUT_REPLY: 'true', RAPPORT_LOG_LEVEL: 'silent' });
    expect(clockOf(asked, rules, facts).running).toBe(true);
  });

  it('keeps snoozes as pauses and ends a running one when the conversation comes back', () => {
    const pauses = snoozePauses(null, 1_000, 5_000);
    expect(pauses).toEqual([[1_000, 5_000]]);
    expect(endPauses(pauses, 2_000)).toEqual([[1_000, 2_000]]);
    expect(endPauses(pauses, 9_000)).toEqual([[1_000, 5_000]]);
    expect(snoozePauses(JSON.stringify(pauses), 3_000, 8_000)).toEqual([
      [1_000, 3_000],
      [3_000, 8_000],
    ]);
  });
});
