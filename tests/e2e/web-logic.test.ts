import { describe, expect, test } from 'vitest';
import { cut, splitLinks } from '../../web/src/lib/linkify.js';
import { shortDuration, slaState } from '../../web/src/lib/time.js';

describe('web app logic (no browser)', () => {
  test('only http(s) URLs become links; trailing punctuation and other schemes stay text', () => {
    expect(splitLinks('see https://example.com/a?b=1. or javascript:alert(1) data:text/html,x')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: '. or javascript:alert(1) data:text/html,x' },
    ]);
    expect(splitLinks('<a href="javascript:x">hi</a>')).toEqual([
      { kind: 'text', text: '<a href="javascript:x">hi</a>' },
    ]);
    expect(splitLinks('')).toEqual([]);
  });

  test('cutting long text never splits an emoji', () => {
    expect(cut('ab😡', 3)).toBe('ab');
    expect(cut('abc', 10)).toBe('abc');
  });

  test('SLA countdown: due in, amber near the due time, red once breached, none once answered', () => {
    const now = 1_000_000_000;
    const base = { firstResponseAt: null, waitingSince: now - 10 * 60_000 };
    expect(slaState({ ...base, firstResponseDueAt: now + 50 * 60_000 }, now)).toEqual({
      level: 'ok',
      label: 'due in 50m',
    });
    expect(slaState({ ...base, firstResponseDueAt: now + 4 * 60_000 }, now)).toEqual({
      level: 'near',
      label: 'due in 4m',
    });
    expect(slaState({ ...base, firstResponseDueAt: now - 12 * 60_000 }, now)).toEqual({
      level: 'breached',
      label: 'overdue 12m',
    });
    expect(
      slaState({ firstResponseAt: now - 1, waitingSince: null, firstResponseDueAt: now }, now).level,
    ).toBe('met');
    expect(
      slaState({ ...base, firstResponseDueAt: now - 60_000, replyDueAt: now + 30 * 60_000 }, now).level,
    ).toBe('ok');
  });

  test('snoozed and resolved conversations are never "due"', () => {
    const now = 1_000_000_000;
    const waiting = {
      firstResponseAt: null,
      waitingSince: now - 60_000,
      firstResponseDueAt: now + 59 * 60_000,
    };
    expect(slaState({ ...waiting, status: 'open' }, now).label).toBe('due in 59m');
    expect(slaState({ ...waiting, status: 'snoozed' }, now).level).toBe('none');
    expect(slaState({ ...waiting, status: 'resolved' }, now).level).toBe('none');
    expect(slaState({ ...waiting, firstResponseAt: now - 1, status: 'resolved' }, now).level).toBe('met');
  });

  test('short durations', () => {
    expect(shortDuration(45_000)).toBe('45s');
    expect(shortDuration(125 * 60_000)).toBe('2h 5m');
    expect(shortDuration(5 * 86_400_000)).toBe('5d');
  });
});
