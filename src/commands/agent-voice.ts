import type { Kysely } from 'kysely';
import { z } from 'zod';
import { NotFoundError } from '../platform/errors.js';
import { appendEvent } from '../store/events-repo.js';
import type { Database } from '../store/schema.js';
import { type CommandActor, eventActor } from './actor.js';
import type { Services } from './services.js';

/**
 * A human voice (issue 14): each person's signature and the name they reply as on each channel,
 * and the approval flags an admin sets (in training: replies are held; reviewer: may approve).
 */
export interface AgentVoice {
  userId: number;
  name: string;
  signature: string | null;
  /** channel → the name replies carry there (the person's name where none is set). */
  displayNames: Record<string, string>;
  inTraining: boolean;
  reviewer: boolean;
}

const namesSchema = z.record(z.string(), z.string());

function namesOf(json: string): Record<string, string> {
  try {
    const parsed = namesSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** A person's voice and flags, read inside `db` (a transaction or the database). */
export async function voiceOf(db: Kysely<Database>, userId: number): Promise<AgentVoice> {
  const u = await db
    .selectFrom('users')
    .select(['id', 'name', 'role', 'signature', 'display_names_json', 'in_training', 'reviewer'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!u) throw new NotFoundError(`user ${userId}`);
  return {
    userId: u.id,
    name: u.name,
    signature: u.signature,
    displayNames: namesOf(u.display_names_json),
    inTraining: u.in_training === 1,
    reviewer: u.reviewer === 1 || u.role === 'admin',
  };
}

/** The name a person's replies carry on a channel: their display name there, else their name. */
export function displayNameFor(voice: Pick<AgentVoice, 'name' | 'displayNames'>, channel: string): string {
  return voice.displayNames[channel]?.trim() || voice.name;
}

/** What a person may change about their own voice; absent fields stay as they are. */
export interface VoicePatch {
  signature?: string | null;
  displayNames?: Record<string, string>;
}

/** Changes the caller's own signature or display names (an empty name removes it). */
export async function updateMyVoice(services: Services, userId: number, patch: VoicePatch) {
  const db = services.db.kysely;
  const set: { signature?: string | null; display_names_json?: string } = {};
  if (patch.signature !== undefined) set.signature = patch.signature?.trim() || null;
  if (patch.displayNames !== undefined) {
    const names = Object.fromEntries(
      Object.entries(patch.displayNames)
        .map(([k, v]) => [k, v.trim()] as const)
        .filter(([, v]) => v),
    );
    set.display_names_json = JSON.stringify(names);
  }
  if (Object.keys(set).length) await db.updateTable('users').set(set).where('id', '=', userId).execute();
  return voiceOf(db, userId);
}

/** An admin marks a person as in training (replies held) or as a reviewer; audited. */
export async function setApprovalFlags(
  services: Services,
  actor: CommandActor,
  userId: number,
  flags: { inTraining?: boolean; reviewer?: boolean },
) {
  const voice = await services.db.kysely.transaction().execute(async (trx) => {
    await voiceOf(trx, userId);
    const set: { in_training?: number; reviewer?: number } = {};
    if (flags.inTraining !== undefined) set.in_training = flags.inTraining ? 1 : 0;
    if (flags.reviewer !== undefined) set.reviewer = flags.reviewer ? 1 : 0;
    if (Object.keys(set).length) await trx.updateTable('users').set(set).where('id', '=', userId).execute();
    await appendEvent(trx, {
      at: services.clock.now(),
      actor: eventActor(actor),
      type: 'user.approval_flags',
      conversationId: null,
      data: { userId, ...flags },
    });
    return voiceOf(trx, userId);
  });
  services.events.wake();
  return voice;
}
