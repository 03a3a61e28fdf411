import { listenerStatus } from '../../runtime/event-stream.js';
import { parseCommandArgs } from '../args.js';
import { type CliContext, type Command, UsageError } from '../command.js';
import { withServices } from '../services.js';

const when = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());

function age(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms < 120_000) return `${Math.round(ms / 1000)}s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)}m`;
  return `${Math.round(ms / 3_600_000)}h`;
}

async function status(argv: string[], ctx: CliContext): Promise<number> {
  const { values } = parseCommandArgs(argv, { json: { type: 'boolean' } }, false);
  const items = await withServices(ctx, (services) => listenerStatus(services));
  if (values.json) {
    ctx.stdout.write(`${JSON.stringify({ items }, null, 2)}\n`);
    return 0;
  }
  if (items.length === 0) {
    ctx.stdout.write('no listeners are registered\n');
    return 0;
  }
  for (const s of items) {
    const state =
      s.failures > 0 ? `FAILING (${s.failures} in a row)` : s.position === null ? 'not started' : 'ok';
    ctx.stdout.write(
      `${s.name}  ${state}  position ${s.position ?? '-'}  lag ${s.lagEvents} events, ${age(s.lagMs)}\n` +
        `  types: ${s.types.join(', ')}\n` +
        (s.failures > 0 ? `  last error: ${s.lastError}\n  next retry: ${when(s.nextRetryAt)}\n` : ''),
    );
  }
  return 0;
}

const subcommands: Record<string, (argv: string[], ctx: CliContext) => Promise<number>> = { status };

/** `rapport events status`: each listener's position, lag, failures and next retry. */
export const eventsCommand: Command = {
  name: 'events',
  summary: 'show how the event listeners are doing (position, lag, last error)',
  usage: 'rapport events status [--json]',
  async run([sub, ...rest], ctx) {
    const run = sub ? subcommands[sub] : undefined;
    if (!run) throw new UsageError(sub ? `unknown subcommand '${sub}'` : 'give a subcommand: status');
    return run(rest, ctx);
  },
};
