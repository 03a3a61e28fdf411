import { shellActor } from '../../commands/admin-actor.js';
import { installRoutingDefaults } from '../../commands/routing-defaults.js';
import { type Command, UsageError } from '../command.js';
import { withServices } from '../services.js';

/**
 * `rapport routing defaults`: installs the ready routing defaults (teams and rules: negative posts
 * to spokespeople, hard questions to subject experts, purchase intent to sales, feature requests to
 * product); what exists by name already is left alone.
 */
export const routingCommand: Command = {
  name: 'routing',
  summary: 'install the ready routing defaults (teams and rules)',
  usage: 'rapport routing defaults',
  async run([sub, ...rest], ctx) {
    if (sub !== 'defaults' || rest.length > 0) {
      throw new UsageError(
        sub && sub !== 'defaults' ? `unknown subcommand '${sub}'` : 'give a subcommand: defaults',
      );
    }
    const added = await withServices(ctx, (services) => installRoutingDefaults(services, shellActor));
    const list = (names: string[]) => (names.length > 0 ? names.join(', ') : 'none (all there already)');
    ctx.stdout.write(`teams added: ${list(added.teams)}\nrules added: ${list(added.rules)}\n`);
    if (added.teams.length > 0) {
      ctx.stdout.write(
        'add people to the new teams in the web app (Settings → Teams) or with PUT /api/v1/teams/:id\n',
      );
    }
    return 0;
  },
};
