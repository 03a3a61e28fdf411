import type { Kysely } from 'kysely';
import { needsReassignment, nextAssignee } from '../domain/assignment.js';
import type { PresenceState } from '../domain/routing.js';
import { appendEvent, systemActor } from '../store/events-repo.js';
import type { Database } from '../store/schema.js';
import {
  candidatesOf,
  HELD_STATUSES,
  moveTeamPointer,
  teamPointer,
  teamsOfUser,
} from '../store/teams-repo.js';
import type { Services } from './services.js';

/**
 * Gives a conversation to the team's next free member (round-robin, see domain/assignment.ts) and
 * moves the team's pointer, inside `trx`; returns who got it, or null when nobody is free (the
 * conversation then waits in the team's queue). `except` leaves a person out (the owner being
 * replaced). The caller records the assignment event.
 */
export async function pickFromTeam(
  trx: Kysely<Database>,
  teamId: number,
  except: number | null = null,
): Promise<number | null> {
  const candidates = (await candidatesOf(trx, teamId)).filter((c) => c.userId !== except);
  const chosen = nextAssignee(candidates, await teamPointer(trx, teamId));
  if (chosen !== null) await moveTeamPointer(trx, teamId, chosen);
  return chosen;
}

/** What one sweep did: conversations moved from an away owner, and taken from a team queue. */
export interface SweepReport {
  reassigned: number;
  fromQueue: number;
}

/**
 * The periodic routing sweep (src/runtime/routing-sweeper.ts runs it): (1) a conversation whose owner
 * is away or off shift and whose reply is due within RAPPORT_REASSIGN_BEFORE_DUE_MINUTES moves to
 * the next free member of its team (or of the owner's teams), recorded as `conversation.assigned`
 * with reason `reassigned`; nobody free: it stays. (2) Conversations waiting unassigned in a team's
 * queue go to members who became free, most urgent first. Each move is its own short transaction,
 * guarded on the owner it expected, so two processes sweeping at once never assign one twice.
 */
export async function sweepAssignments(services: Services): Promise<SweepReport> {
  const db = services.db.kysely;
  const now = services.clock.now();
  const windowMs = services.config.RAPPORT_REASSIGN_BEFORE_DUE_MINUTES * 60_000;
  const report: SweepReport = { reassigned: 0, fromQueue: 0 };

  const owned = await db
    .selectFrom('conversations')
    .leftJoin('user_presence', 'user_presence.user_id', 'conversations.assignee_id')
    .select([
      'conversations.id',
      'conversations.assignee_id',
      'conversations.team_id',
      'conversations.reply_due_at',
      'user_presence.status',
    ])
    .where('conversations.status', 'in', [...HELD_STATUSES])
    .where('conversations.assignee_id', 'is not', null)
    .where('conversations.reply_due_at', 'is not', null)
    .where('conversations.reply_due_at', '<=', now + windowMs)
    .where('conversations.sla_history', '=', 0)
    .orderBy('conversations.reply_due_at')
    .limit(500)
    .execute();
  for (const c of owned) {
    const owner = c.assignee_id!;
    const presence: PresenceState = c.status ?? 'off_shift';
    if (!needsReassignment({ id: c.id, assigneeId: owner, dueAt: c.reply_due_at }, presence, now, windowMs)) {
      continue;
    }
    const teams = c.team_id !== null ? [c.team_id] : await teamsOfUser(db, owner);
    const moved = await db.transaction().execute(async (trx) => {
      for (const teamId of teams) {
        const next = await pickFromTeam(trx, teamId, owner);
        if (next === null) continue;
        const r = await trx
          .updateTable('conversations')
          .set({ assignee_id: next, team_id: teamId, updated_at: now })
          .where('id', '=', c.id)
          .where('assignee_id', '=', owner)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 0) return false;
        await appendEvent(trx, {
          at: now,
          actor: systemActor,
          type: 'conversation.assigned',
          conversationId: c.id,
          data: { assigneeId: next, teamId, fromId: owner, reason: 'reassigned' },
        });
        return true;
      }
      return false;
    });
    if (moved) report.reassigned += 1;
  }

  const queued = await db
    .selectFrom('conversations')
    .select(['id', 'team_id'])
    .where('status', '=', 'open')
    .where('assignee_id', 'is', null)
    .where('team_id', 'is not', null)
    .where('sla_history', '=', 0)
    .orderBy('priority', 'desc')
    .orderBy('id')
    .limit(500)
    .execute();
  const full = new Set<number>();
  for (const c of queued) {
    const teamId = c.team_id!;
    if (full.has(teamId)) continue;
    const given = await db.transaction().execute(async (trx) => {
      const next = await pickFromTeam(trx, teamId);
      if (next === null) return null;
      const r = await trx
        .updateTable('conversations')
        .set({ assignee_id: next, updated_at: now })
        .where('id', '=', c.id)
        .where('assignee_id', 'is', null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) return undefined;
      await appendEvent(trx, {
        at: now,
        actor: systemActor,
        type: 'conversation.assigned',
        conversationId: c.id,
        data: { assigneeId: next, teamId, reason: 'routing' },
      });
      return next;
    });
    if (given === null) full.add(teamId);
    else if (given !== undefined) report.fromQueue += 1;
  }
  if (report.reassigned + report.fromQueue > 0) services.events.wake();
  return report;
}
