import { installDefaultPlaybooks, listAllPlaybooks } from '../../commands/playbooks.js';
import { type Command, UsageError } from '../command.js';
import { withServices } from '../services.js';

/**
 * `rapport playbooks defaults`: installs the default playbooks (one per common complaint type) and
 * the saved replies they point to, leaving alone what the team already wrote; `rapport playbooks
 * list` shows what there is.
 */
export const playbooksCommand: Command = {
  name: 'playbooks',
  summary: 'install the default playbooks and saved replies, or list the playbooks',
  usage: 'rapport playbooks defaults | list',
  async run([sub, ...rest], ctx) {
    if ((sub !== 'defaults' && sub !== 'list') || rest.length > 0) {
      throw new UsageError(sub ? `unknown subcommand '${sub}'` : 'give a subcommand: defaults or list');
    }
    if (sub === 'list') {
      const items = await withServices(ctx, (services) => listAllPlaybooks(services));
      for (const p of items)
        ctx.stdout.write(`${p.complaintType}${p.intent ? `/${p.intent}` : ''}\t${p.name}\n`);
      return 0;
    }
    const added = await withServices(ctx, (services) => installDefaultPlaybooks(services, null));
    ctx.stdout.write(`installed ${added.playbooks} playbooks and ${added.savedReplies} saved replies\n`);
    return 0;
  },
};
