import { recomputeDueTimes } from '../../commands/sla-recompute.js';
import { type Command, UsageError } from '../command.js';
import { withServices } from '../services.js';

/**
 * `rapport sla recompute`: recomputes the due times of open, pending and snoozed conversations (after
 * an upgrade, or after changing RAPPORT_SLA_* or the reply webhook; policy changes made through the
 * API are followed by themselves).
 */
export const slaCommand: Command = {
  name: 'sla',
  summary: 'recompute SLA due times of open conversations',
  usage: 'rapport sla recompute',
  async run([sub, ...rest], ctx) {
    if (sub !== 'recompute' || rest.length > 0) {
      throw new UsageError(
        sub && sub !== 'recompute' ? `unknown subcommand '${sub}'` : 'give a subcommand: recompute',
      );
    }
    const count = await withServices(ctx, (services) => recomputeDueTimes(services));
    ctx.stdout.write(`recomputed the due times of ${count} conversations\n`);
    return 0;
  },
};
