import { startAlertSweeper } from '../../runtime/alert-sweeper.js';
import { ChannelSupervisor } from '../../runtime/channel-supervisor.js';
import { startEventStream } from '../../runtime/event-stream.js';
import { createJobWorker } from '../../runtime/job-worker.js';
import { openServices } from '../../runtime/services.js';
import { buildServer } from '../../server/app.js';
import { startWalCheckpoints } from '../../store/wal-checkpoints.js';
import type { Command } from '../command.js';

/** `rapport start`: migrate, then serve the API, the web app and the background jobs. */
export const startCommand: Command = {
  name: 'start',
  summary: 'run the Rapport server (API, web app, channel connectors, background jobs)',
  usage: 'rapport start',
  async run(_argv, ctx) {
    const services = await openServices(ctx.config);
    // SQLite: checkpoints on their own thread, never inside a request's commit
    const checkpoints = startWalCheckpoints(services.db, { logger: services.logger });
    // first, so the worker, the supervisor and live clients see every event from here on
    const events = await startEventStream(services);
    const app = await buildServer(services);
    const worker = createJobWorker(services);
    const channels = new ChannelSupervisor(services);
    const sweeper = startAlertSweeper(services);
    const stop = async (signal: string) => {
      services.logger.info({ signal }, 'shutting down');
      await sweeper.stop();
      await channels.stop();
      await app.close();
      await worker.stop();
      await events.stop();
      await checkpoints.stop();
      await services.db.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
    await app.listen({ port: ctx.config.PORT, host: ctx.config.HOST });
    worker.start();
    await channels.start();
    const where = ctx.config.engine === 'postgres' ? 'PostgreSQL' : `SQLite in ${ctx.config.dataDir}`;
    ctx.stderr.write(`Rapport is listening on http://${ctx.config.HOST}:${ctx.config.PORT} (${where})\n`);
    await new Promise(() => {});
    return 0;
  },
};
