import type { RoutingAction } from '../domain/routing.js';
import { defaultRules, defaultTeams } from '../domain/routing-defaults.js';
import { appendEvent } from '../store/events-repo.js';
import { insertRoutingRule, listRoutingRules } from '../store/routing-repo.js';
import { insertTeam, listTeams } from '../store/teams-repo.js';
import { type AdminActor, auditOf } from './admin-actor.js';
import { writeSettings } from './routing-rules.js';
import type { Services } from './services.js';

/** What installing the defaults added (names); what existed already by name is left as it was. */
export interface DefaultsInstalled {
  teams: string[];
  rules: string[];
}

/**
 * Installs the ready defaults (domain/routing-defaults.ts): the teams that do not exist yet (no
 * members: an admin adds people) and the rules that do not, after the install's own rules. Running
 * it again adds nothing.
 */
export async function installRoutingDefaults(
  services: Services,
  actor: AdminActor,
): Promise<DefaultsInstalled> {
  const now = services.clock.now();
  const { actor: who } = auditOf(actor);
  return writeSettings(services, async (trx) => {
    const added: DefaultsInstalled = { teams: [], rules: [] };
    const teams = new Map((await listTeams(trx)).map((t) => [t.name, t.id]));
    for (const team of defaultTeams) {
      if (teams.has(team.name)) continue;
      const id = await insertTeam(trx, { ...team, members: [] }, now);
      teams.set(team.name, id);
      added.teams.push(team.name);
      await appendEvent(trx, {
        at: now,
        actor: who,
        type: 'team.changed',
        data: { teamId: id, action: 'created', name: team.name },
      });
    }
    const rules = await listRoutingRules(trx);
    const names = new Set(rules.map((r) => r.name));
    let position = rules.reduce((m, r) => Math.max(m, r.position + 1), 0);
    for (const rule of defaultRules) {
      if (names.has(rule.name)) continue;
      const teamId = teams.get(rule.team)!;
      const actions: RoutingAction[] = [
        { type: 'assign_team', teamId },
        ...rule.extra,
        ...(rule.notify ? [{ type: 'notify' as const, userIds: [], teamIds: [teamId] }] : []),
      ];
      const id = await insertRoutingRule(
        trx,
        { name: rule.name, position, enabled: true, continue: false, conditions: rule.conditions, actions },
        now,
      );
      position += 1;
      added.rules.push(rule.name);
      await appendEvent(trx, {
        at: now,
        actor: who,
        type: 'routing.rule_changed',
        data: { ruleId: id, action: 'created', name: rule.name },
      });
    }
    return added;
  });
}
