import type { Kysely } from 'kysely';
import type { BusinessCalendar } from '../domain/business-hours.js';
import type { ReceivedMessage } from '../domain/events.js';
import { matchingRules, planFor, type RoutingSubject } from '../domain/routing.js';
import { resummarize } from '../ingest/resummarize.js';
import { activeUsers, changeLabels, ensureLabels, getConversation } from '../store/conversations-repo.js';
import { appendEvent, systemActor } from '../store/events-repo.js';
import { listRoutingRules } from '../store/routing-repo.js';
import type { Database } from '../store/schema.js';
import { calendarOf, listBusinessHours } from '../store/sla-repo.js';
import { existingTeamIds, membersOf } from '../store/teams-repo.js';
import { readTriageJson } from '../store/triage-view.js';
import { pickFromTeam } from './auto-assign.js';
import type { Services } from './services.js';

async function subjectOf(
  trx: Kysely<Database>,
  messageId: number,
  at: number,
  needsHours: boolean,
): Promise<RoutingSubject | null> {
  const m = await trx
    .selectFrom('messages')
    .leftJoin('contacts', 'contacts.id', 'messages.contact_id')
    .select([
      'messages.channel',
      'messages.sentiment',
      'messages.intent',
      'messages.text',
      'messages.triage_json',
      'messages.author_followers',
      'contacts.lifecycle',
      'contacts.follower_count',
    ])
    .where('messages.id', '=', messageId)
    .executeTakeFirst();
  if (!m) return null;
  const triage = readTriageJson(m.triage_json);
  const calendars = new Map<number, BusinessCalendar>();
  if (needsHours) for (const h of await listBusinessHours(trx)) calendars.set(h.id, calendarOf(h));
  return {
    channel: m.channel,
    sentiment: m.sentiment,
    intent: m.intent,
    urgency: triage?.urgency ?? [],
    language: triage?.language ?? null,
    text: m.text,
    lifecycle: m.lifecycle ?? null,
    reach: m.author_followers ?? m.follower_count ?? null,
    at,
    calendars,
  };
}

/**
 * Applies the routing rules to a conversation that just received a customer message, inside the
 * listener's transaction (exactly once per message). Assignment happens only while nobody owns the
 * conversation: to the named person, or to the team's next free member (round-robin), else it waits
 * in the team's queue. Labels, priority, "approval required" and notifications (`routing.notify`,
 * for alert delivery) apply to every matching message. Imported history is not routed.
 */
export async function routeMessage(
  services: Services,
  trx: Kysely<Database>,
  message: ReceivedMessage,
  now: number,
): Promise<void> {
  const conv = await getConversation(trx, message.conversationId);
  if (!conv || conv.sla_history === 1 || conv.status === 'resolved') return;
  const rules = await listRoutingRules(trx);
  if (rules.length === 0) return;
  const needsHours = rules.some((r) => r.enabled && r.conditions.businessHours);
  const subject = await subjectOf(trx, message.messageId, message.createdAt, needsHours);
  if (!subject) return;
  const plan = planFor(matchingRules(rules, subject));
  if (plan.rules.length === 0) return;
  const id = conv.id;

  let teamId = conv.team_id;
  let assigneeId = conv.assignee_id;
  if (assigneeId === null && plan.assign) {
    if ('userId' in plan.assign) {
      const active = (await activeUsers(trx)).some(
        (u) => u.id === (plan.assign as { userId: number }).userId,
      );
      if (active) assigneeId = plan.assign.userId;
    } else if ((await existingTeamIds(trx, [plan.assign.teamId])).size > 0) {
      teamId = plan.assign.teamId;
    }
  }
  if (assigneeId === null && teamId !== null) assigneeId = await pickFromTeam(trx, teamId);
  if (assigneeId !== conv.assignee_id || teamId !== conv.team_id) {
    await trx
      .updateTable('conversations')
      .set({ assignee_id: assigneeId, team_id: teamId, updated_at: now })
      .where('id', '=', id)
      .execute();
    await appendEvent(trx, {
      at: now,
      actor: systemActor,
      type: 'conversation.assigned',
      conversationId: id,
      data: { assigneeId, teamId, reason: 'routing' },
    });
  }

  if (plan.labels.length > 0) {
    const ids = await ensureLabels(trx, plan.labels, now);
    await changeLabels(
      trx,
      id,
      plan.labels.map((n) => ids.get(n)!),
      [],
    );
  }
  if (plan.priority !== null) {
    // the conversation's priority is derived from its messages: set it on the message, then re-derive
    await trx
      .updateTable('messages')
      .set({ priority: plan.priority })
      .where('id', '=', message.messageId)
      .execute();
    await resummarize(services, trx, [id], now);
  }
  if (plan.approval && conv.approval_required !== 1) {
    await trx.updateTable('conversations').set({ approval_required: 1 }).where('id', '=', id).execute();
  }
  await appendEvent(trx, {
    at: now,
    actor: systemActor,
    type: 'routing.applied',
    conversationId: id,
    data: {
      messageId: message.messageId,
      rules: plan.rules,
      teamId,
      assigneeId,
      labels: plan.labels,
      priority: plan.priority,
      approvalRequired: plan.approval,
    },
  });
  for (const notice of plan.notify) {
    const members = await membersOf(trx, notice.teamIds);
    const userIds = [...new Set([...notice.userIds, ...members])].sort((a, b) => a - b);
    await appendEvent(trx, {
      at: now,
      actor: systemActor,
      type: 'routing.notify',
      conversationId: id,
      data: {
        messageId: message.messageId,
        ruleId: notice.ruleId,
        ruleName: notice.ruleName,
        userIds,
        teamIds: notice.teamIds,
        channel: subject.channel,
        sentiment: subject.sentiment,
        intent: subject.intent,
      },
    });
  }
}
