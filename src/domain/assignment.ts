/**
 * Fair auto-assignment: among a team's members who are online and under their capacity, the next
 * one after the member who got the team's last conversation (round-robin in user-id order, so the
 * order survives restarts with only the pointer stored). Nobody free: the conversation waits in the
 * team's queue. Also decides when a conversation should move because its owner is away and its due
 * time is near. Pure.
 */
import type { PresenceState } from './routing.js';

/** A team member as assignment sees them. */
export interface Candidate {
  userId: number;
  /** Absent presence counts as off shift: nobody gets work before saying they are here. */
  presence: PresenceState;
  /** Open conversations they hold now. */
  open: number;
  /** Most open conversations at once; null: no limit. */
  capacity: number | null;
}

/** Whether a person can take one more conversation now. */
export function isFree(c: Candidate): boolean {
  return c.presence === 'online' && (c.capacity === null || c.open < c.capacity);
}

/**
 * The member to give the next conversation to: the first free one after `pointer` (the last one
 * given work) in user-id order, wrapping around; null when nobody is free.
 */
export function nextAssignee(candidates: readonly Candidate[], pointer: number | null): number | null {
  const free = candidates.filter(isFree).sort((a, b) => a.userId - b.userId);
  if (free.length === 0) return null;
  const after = pointer === null ? undefined : free.find((c) => c.userId > pointer);
  return (after ?? free[0]!).userId;
}

/** An open conversation with an owner, as the re-assignment sweep sees it. */
export interface OwnedConversation {
  id: number;
  assigneeId: number;
  /** The earliest due time the team is held to (first response or next reply); null: none. */
  dueAt: number | null;
}

/**
 * Whether a conversation should move to someone else: its owner is away or off shift and its due
 * time is within `windowMs` of now (or already passed).
 */
export function needsReassignment(
  c: OwnedConversation,
  ownerPresence: PresenceState,
  now: number,
  windowMs: number,
): boolean {
  return ownerPresence !== 'online' && c.dueAt !== null && c.dueAt - now <= windowMs;
}
