import { startAlertSweeper } from '../../runtime/alert-sweeper.js';
import { ChannelSupervisor } from '../../runtime/channel-supervisor.js';
import { startEventStream } from '../../runtime/event-stream.js';
import { createJobWorker } from '../../runtime/job-worker.js';
import { startRoutingSweeper } from '../../runtime/routing-sweeper.js';
import { openServices } from '../../runtime/services.js';
import { buildServer } from '../../server/app.js';
import { startWalCheckpoints } from '../../store/wal-checkpoints.js';
import { parseCommandArgs } from '../args.js';
import { type Command, UsageError } from '../command.js';

/** What one `rapport start` process does: everything, or one side of a cluster (see README). */
export type StartRole = 'all' | 'web' | 'worker';

const roles: readonly StartRole[] = ['all', 'web', 'worker'];

/** Reads `--role all|web|worker` (default all). */
export function startRole(argv: string[]): StartRole {
  const { values } = parseCommandArgs(argv, { role: { type: 'string', default: 'all' } }, false);
  const role = values.role as string;
  if (!roles.includes(role as StartRole)) throw new UsageError(`--role must be one of ${roles.join(', ')}`);
  return role as StartRole;
}

/**
 * `rapport start`: migrate, then serve the API, the web app and the background jobs. With
 * `--role web` a process serves HTTP, SSE and the chat widget only; with `--role worker` it runs the
 * job queue, the event listeners, the schedules and the channel connectors, and no HTTP server.
 */
export const startCommand: Command = {
  name: 'start',
  summary: 'run the Rapport server (API, web app, channel connectors, background jobs)',
  usage: 'rapport start [--role all|web|worker]',
  async run(argv, ctx) {
    const role = startRole(argv);
    const web = role !== 'worker';
    const work = role !== 'web';
    const services = await openServices(ctx.config);
    // SQLite: checkpoints on their own thread, never inside a request's commit
    const checkpoints = startWalCheckpoints(services.db, { logger: services.logger });
    // first, so the worker, the supervisor and live clients see every event from here on
    const events = await startEventStream(services, work ? {} : { listeners: [], prune: false });
    const app = web ? await buildServer(services) : null;
    const worker = work ? createJobWorker(services) : null;
    const channels = work ? new ChannelSupervisor(services) : null;
    const sweeper = work ? startRoutingSweeper(services) : null;
    const alertSweeper = work ? startAlertSweeper(services) : null;
    const stop = async (signal: string) => {
      services.logger.info({ signal }, 'shutting down');
      await alertSweeper?.stop();
      await channels?.stop();
      await app?.close();
      await worker?.stop();
      await sweeper?.stop();
      await events.stop();
      await checkpoints.stop();
      await services.db.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
    await app?.listen({ port: ctx.config.PORT, host: ctx.config.HOST });
    worker?.start();
    await channels?.start();
    const where = ctx.config.engine === 'postgres' ? 'PostgreSQL' : `SQLite in ${ctx.config.dataDir}`;
    ctx.stderr.write(
      app
        ? `Rapport is listening on http://${ctx.config.HOST}:${ctx.config.PORT} (${where}, role ${role})\n`
        : `Rapport worker is running (${where}, role ${role})\n`,
    );
    await new Promise(() => {});
    return 0;
  },
};
