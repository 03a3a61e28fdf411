import { describe, expect, it } from 'vitest';
import { type Candidate, isFree, needsReassignment, nextAssignee } from './assignment.js';

const c = (userId: number, over: Partial<Candidate> = {}): Candidate => ({
  userId,
  presence: 'online',
  open: 0,
  capacity: null,
  ...over,
});

describe('round-robin assignment', () => {
  it('goes round the free members in user-id order after the pointer, wrapping', () => {
    const team = [c(7), c(3), c(5)];
    let pointer: number | null = null;
    const given: number[] = [];
    for (let i = 0; i < 6; i++) {
      pointer = nextAssignee(team, pointer);
      given.push(pointer!);
    }
    expect(given).toEqual([3, 5, 7, 3, 5, 7]);
  });

  it('skips people away, off shift or at capacity; nobody free gives null', () => {
    const team = [
      c(1, { presence: 'away' }),
      c(2, { open: 3, capacity: 3 }),
      c(3, { presence: 'off_shift' }),
      c(4),
    ];
    expect(nextAssignee(team, null)).toBe(4);
    expect(nextAssignee(team, 4)).toBe(4);
    expect(isFree(c(9, { open: 2, capacity: 3 }))).toBe(true);
    expect(isFree(c(9, { capacity: 0 }))).toBe(false);
    expect(nextAssignee([c(1, { presence: 'away' })], null)).toBeNull();
    expect(nextAssignee([], 3)).toBeNull();
  });

  it('continues after a pointer whose member left the team', () => {
    expect(nextAssignee([c(2), c(8)], 5)).toBe(8);
    expect(nextAssignee([c(2), c(8)], 9)).toBe(2);
  });
});

describe('re-assignment', () => {
  const now = 1_000_000;
  const conv = (dueAt: number | null) => ({ id: 1, assigneeId: 2, dueAt });
  it('moves only when the owner is not online and the due time is within the window', () => {
    expect(needsReassignment(conv(now + 5 * 60_000), 'away', now, 10 * 60_000)).toBe(true);
    expect(needsReassignment(conv(now - 60_000), 'off_shift', now, 10 * 60_000)).toBe(true);
    expect(needsReassignment(conv(now + 5 * 60_000), 'online', now, 10 * 60_000)).toBe(false);
    expect(needsReassignment(conv(now + 30 * 60_000), 'away', now, 10 * 60_000)).toBe(false);
    expect(needsReassignment(conv(null), 'away', now, 10 * 60_000)).toBe(false);
  });
});
