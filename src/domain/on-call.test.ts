import { describe, expect, it } from 'vitest';
import { escalationChain, nextEscalation, onCallAt, type Rotation, rotationMemberAt } from './on-call.js';

const H = 3_600_000;
// Monday 2 March 2026, 09:00 in Berlin (08:00 UTC, winter time)
const START = Date.UTC(2026, 2, 2, 8);
const daily: Rotation = {
  id: 1,
  period: 'daily',
  members: [1, 2, 3],
  startsAt: START,
  timeZone: 'Europe/Berlin',
};

describe('rotations', () => {
  it('hands over daily at the local time it started, and nobody is on call before it starts', () => {
    expect(rotationMemberAt(daily, START - 1)).toBeNull();
    expect(rotationMemberAt(daily, START)).toBe(1);
    expect(rotationMemberAt(daily, START + 23 * H)).toBe(1); // 08:00 the next morning: still 1
    expect(rotationMemberAt(daily, START + 24 * H)).toBe(2);
    expect(rotationMemberAt(daily, START + 48 * H)).toBe(3);
    expect(rotationMemberAt(daily, START + 72 * H)).toBe(1);
  });

  it('keeps the local handover hour across the daylight-saving change (29 March 2026 in Berlin)', () => {
    // 27 days after the start: Sunday 29 March is day 27, the change happens at 02:00 that night
    const mondayAfter = Date.UTC(2026, 2, 30, 7); // 09:00 summer time = 07:00 UTC
    expect(rotationMemberAt(daily, mondayAfter - 1)).toBe(rotationMemberAt(daily, mondayAfter - H));
    const turnsBefore = 27 % 3;
    expect(rotationMemberAt(daily, mondayAfter - 1)).toBe(daily.members[turnsBefore]);
    expect(rotationMemberAt(daily, mondayAfter)).toBe(daily.members[(turnsBefore + 1) % 3]);
  });

  it('hands over weekly', () => {
    const weekly: Rotation = { ...daily, period: 'weekly' };
    expect(rotationMemberAt(weekly, START + 6 * 24 * H)).toBe(1);
    expect(rotationMemberAt(weekly, START + 7 * 24 * H)).toBe(2);
    expect(rotationMemberAt(weekly, START + 21 * 24 * H)).toBe(1);
  });
});

describe('who is on call and escalation', () => {
  const overrides = [{ id: 5, userId: 9, startsAt: START, endsAt: START + 2 * H }];

  it('puts an active override first, then each rotation’s member', () => {
    expect(onCallAt([daily], overrides, START + H).map((e) => [e.userId, e.source])).toEqual([
      [9, 'override'],
      [1, 'rotation'],
    ]);
    expect(onCallAt([daily], overrides, START + 2 * H).map((e) => e.userId)).toEqual([1]);
  });

  it('walks the chain: on call now, then the next members in turn order, then everyone left', () => {
    const chain = escalationChain([daily], overrides, START + 25 * H); // member 2's turn
    expect(chain).toEqual([2, 3, 1]);
    expect(nextEscalation(chain, [1, 2, 3, 4], [2])).toEqual([3]);
    expect(nextEscalation(chain, [1, 2, 3, 4], [2, 3])).toEqual([1]);
    expect(nextEscalation(chain, [1, 2, 3, 4], [2, 3, 1])).toEqual([4]);
    expect(nextEscalation(chain, [1, 2, 3, 4], [1, 2, 3, 4])).toEqual([]);
  });
});
