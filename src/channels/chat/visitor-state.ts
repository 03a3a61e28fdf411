import type { AccountState } from '../types.js';
import type { VisitorProfile } from './protocol.js';

/** How often a connected widget's presence is refreshed. */
export const PRESENCE_HEARTBEAT_MS = 30_000;
/** A visitor counts as connected if seen this recently (a crashed process cannot leave them "online"). */
export const PRESENCE_TTL_MS = 3 * PRESENCE_HEARTBEAT_MS;

const profileKey = (visitorId: string) => `visitor:${visitorId}:profile`;
const seenKey = (visitorId: string) => `visitor:${visitorId}:seen`;

/**
 * The name and email a visitor left, kept in the account's durable state so the chat sender (which
 * sees only its channel context) can decide whether a reply may go out by email.
 */
export async function readVisitorProfile(state: AccountState, visitorId: string): Promise<VisitorProfile> {
  const raw = await state.get(profileKey(visitorId));
  if (!raw) return { name: null, email: null };
  try {
    const parsed = JSON.parse(raw) as Partial<VisitorProfile>;
    return { name: parsed.name ?? null, email: parsed.email ?? null };
  } catch {
    return { name: null, email: null };
  }
}

/** Stores what a visitor told us about themselves. */
export async function writeVisitorProfile(
  state: AccountState,
  visitorId: string,
  profile: VisitorProfile,
): Promise<void> {
  await state.set(profileKey(visitorId), JSON.stringify(profile));
}

/**
 * Records that a visitor's widget is connected (refreshed by heartbeats) or has gone. Durable rather
 * than in memory because the sender may run in another process than the WebSocket.
 */
export async function markVisitorSeen(
  state: AccountState,
  visitorId: string,
  connected: boolean,
  now: number,
): Promise<void> {
  await state.set(seenKey(visitorId), `${connected ? 'online' : 'offline'}:${now}`);
}

/** Whether the visitor's widget is connected now (so a reply reaches them live). */
export async function isVisitorConnected(
  state: AccountState,
  visitorId: string,
  now: number,
): Promise<boolean> {
  const raw = await state.get(seenKey(visitorId));
  const match = raw ? /^(online|offline):(\d+)$/.exec(raw) : null;
  if (match?.[1] !== 'online') return false;
  return now - Number(match[2]) <= PRESENCE_TTL_MS;
}
