import { describe, expect, it } from 'vitest';
import { addRunningTime, type BusinessCalendar, localToInstant, parseClockTime } from './business-hours.js';

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
  holidays: ['2026-12-25', '2026-12-28'],
};
const H = 3_600_000;
const M = 60_000;

describe('business time', () => {
  it('counts every minute without a calendar (24/7)', () => {
    const from = Date.UTC(2026, 5, 6, 22, 0);
    expect(addRunningTime(from, 60 * M, null)).toBe(from + 60 * M);
  });

  it('carries a Friday-afternoon message across the weekend to Monday morning', () => {
    // Friday 2026-11-27 16:00 in Berlin (UTC+1) = 15:00 UTC; 4 business hours: 1 on Friday, 3 on Monday
    const friday = Date.UTC(2026, 10, 27, 15, 0);
    expect(addRunningTime(friday, 4 * H, berlin)).toBe(Date.UTC(2026, 10, 30, 11, 0)); // Mon 12:00 local
  });

  it('starts counting at opening time for a message sent overnight or on a Sunday', () => {
    const sunday = Date.UTC(2026, 10, 29, 20, 0);
    expect(addRunningTime(sunday, 15 * M, berlin)).toBe(Date.UTC(2026, 10, 30, 8, 15)); // Mon 09:15
  });

  it('skips holidays: Christmas Day and the Monday after', () => {
    // Thursday 24 December 2026 16:30 local: 30 min that day, closed Fri 25 (holiday), weekend, Mon 28 (holiday)
    const eve = Date.UTC(2026, 11, 24, 15, 30);
    expect(addRunningTime(eve, 60 * M, berlin)).toBe(Date.UTC(2026, 11, 29, 8, 30)); // Tue 09:30 local
  });

  it('follows the spring daylight-saving change (opening hour moves in UTC)', () => {
    // Friday 27 March 2026 16:00 CET (15:00 UTC); clocks go forward on Sunday 29 March; Monday opens 09:00 CEST = 07:00 UTC
    const friday = Date.UTC(2026, 2, 27, 15, 0);
    expect(addRunningTime(friday, 2 * H, berlin)).toBe(Date.UTC(2026, 2, 30, 8, 0)); // Mon 10:00 CEST
  });

  it('follows the autumn change in a 24/7 calendar in local time (the night is 25 hours long)', () => {
    const allDay = { start: 0, end: 1440 };
    const always: BusinessCalendar = {
      timeZone: 'America/New_York',
      weekly: {
        sun: [allDay],
        mon: [allDay],
        tue: [allDay],
        wed: [allDay],
        thu: [allDay],
        fri: [allDay],
        sat: [allDay],
      },
      holidays: [],
    };
    // Saturday 31 Oct 2026 12:00 EDT (16:00 UTC) + 24 h of running time = Sunday 11:00 EST (16:00 UTC)
    const from = Date.UTC(2026, 9, 31, 16, 0);
    expect(addRunningTime(from, 24 * H, always)).toBe(from + 24 * H);
  });

  it('stands still during a pause and never falls due while a pause lasts', () => {
    const from = Date.UTC(2026, 5, 1, 10, 0);
    expect(addRunningTime(from, 60 * M, null, [[from + 10 * M, from + 40 * M]])).toBe(from + 90 * M);
    expect(addRunningTime(from, 60 * M, null, [[from + 10 * M, null]])).toBeNull();
  });

  it('never falls due on a calendar with no open hour', () => {
    const closed: BusinessCalendar = {
      ...berlin,
      weekly: { ...berlin.weekly, mon: [], tue: [], wed: [], thu: [], fri: [] },
    };
    expect(addRunningTime(Date.UTC(2026, 0, 1), M, closed)).toBeNull();
  });

  it('maps local wall times to instants around the changes', () => {
    expect(localToInstant('Europe/Berlin', 2026, 3, 30, 9 * 60)).toBe(Date.UTC(2026, 2, 30, 7, 0));
    expect(localToInstant('Europe/Berlin', 2026, 3, 27, 9 * 60)).toBe(Date.UTC(2026, 2, 27, 8, 0));
    // 02:30 does not exist on 29 March in Berlin: the moment just after the gap
    expect(localToInstant('Europe/Berlin', 2026, 3, 29, 2 * 60 + 30)).toBe(Date.UTC(2026, 2, 29, 1, 30));
    // 02:30 happens twice on 25 October: its first occurrence (CEST)
    expect(localToInstant('Europe/Berlin', 2026, 10, 25, 2 * 60 + 30)).toBe(Date.UTC(2026, 9, 25, 0, 30));
  });

  it('reads HH:MM clock times', () => {
    expect(parseClockTime('09:30')).toBe(570);
    expect(parseClockTime('24:00')).toBe(1440);
    expect(parseClockTime('24:01')).toBeNull();
    expect(parseClockTime('9:30')).toBeNull();
  });
});
