import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { NotFoundError } from '../platform/errors.js';
import { getConversation } from '../store/conversations-repo.js';
import { savePresence, type Viewer, viewersOf } from '../store/presence-repo.js';
import type { Services } from './services.js';

/** How long a presence report lasts without being refreshed (browsers refresh every 20 s). */
export const PRESENCE_TTL_MS = 30_000;

/**
 * Each live bus (one per process) as named in presence notifications, so a process skips its own:
 * it announced those already.
 */
const origins = new WeakMap<object, string>();
function originOf(services: Services): string {
  let origin = origins.get(services.live);
  if (!origin) {
    origin = randomUUID();
    origins.set(services.live, origin);
  }
  return origin;
}

/** The NOTIFY channel presence changes are announced on, per PostgreSQL schema. */
export function presenceChannel(schema: string): string {
  return `rapport_presence:${schema}`.slice(0, 63);
}

/** What a presence notification carries: the conversation, and the process that changed it. */
export interface PresenceNotice {
  conversationId: number;
  origin: string;
}

/**
 * Records that a person views, replies to or left a conversation (for the collision warning) and
 * announces the new viewers: to this process's browsers at once and, on PostgreSQL, to every other
 * process through NOTIFY (each re-reads the stored viewers, see `announceViewers`).
 */
export async function reportPresence(
  services: Services,
  user: { id: number; name: string },
  conversationId: number,
  state: Viewer['state'] | 'left',
): Promise<Viewer[]> {
  const { db, clock } = services;
  if (!(await getConversation(db.kysely, conversationId)))
    throw new NotFoundError(`conversation ${conversationId}`);
  const now = clock.now();
  await savePresence(db, conversationId, user, state === 'left' ? null : state, now + PRESENCE_TTL_MS);
  const viewers = await viewersOf(db, conversationId, now);
  services.live.publish({ type: 'presence', conversationId, viewers });
  if (db.engine === 'postgres' && db.schema) {
    const notice: PresenceNotice = { conversationId, origin: originOf(services) };
    await sql`select pg_notify(${presenceChannel(db.schema)}, ${JSON.stringify(notice)})`.execute(db.kysely);
  }
  return viewers;
}

/** The people viewing or replying to a conversation now, whichever process they talk to. */
export function conversationViewers(services: Services, conversationId: number): Promise<Viewer[]> {
  return viewersOf(services.db, conversationId, services.clock.now());
}

/**
 * Passes another process's presence change on to this process's browsers (the runtime's LISTEN
 * connection calls it); its own notices are skipped, since it announced those already.
 */
export async function announceViewers(services: Services, payload: string): Promise<void> {
  let notice: PresenceNotice;
  try {
    notice = JSON.parse(payload) as PresenceNotice;
  } catch {
    return;
  }
  if (notice.origin === originOf(services) || !Number.isSafeInteger(notice.conversationId)) return;
  const viewers = await conversationViewers(services, notice.conversationId);
  services.live.publish({ type: 'presence', conversationId: notice.conversationId, viewers });
}
