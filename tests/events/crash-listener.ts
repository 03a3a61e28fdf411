/**
 * A listener process for the crash test (crash.test.ts): runs one listener that records each
 * `messages.ingested` event it handles in `listener_effects` and bumps `listener_counter`, both
 * through the listener's transaction, and prints each event id as it handles it (before the
 * commit), so the test can kill it with work in flight.
 *
 * usage: node --import tsx tests/events/crash-listener.ts <sqlite-file | postgres-url> [schema]
 */
import { sql } from 'kysely';
import { defineListener } from '../../src/events/listener.js';
import { ListenerRunner } from '../../src/events/runner.js';
import { LocalWaker, listenForEvents } from '../../src/events/waker.js';
import { systemClock } from '../../src/platform/clock.js';
import { configFrom } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';
import { openDatabase } from '../../src/store/database.js';

const [target, schema] = process.argv.slice(2);
if (!target) throw new Error('usage: crash-listener.ts <sqlite-file | postgres-url> [schema]');
const postgres = target.startsWith('postgres');
const config = configFrom(postgres ? { DATABASE_URL: target } : {});
const db = await openDatabase(config, postgres ? { pgSchema: schema } : { sqliteFile: target });
const logger = createLogger({ RAPPORT_LOG_LEVEL: 'warn' }, 'crash-listener');
const waker = new LocalWaker();
const notifications = postgres ? await listenForEvents(target, db.schema!, waker, logger) : null;

const counting = defineListener<null, 'messages.ingested'>({
  name: 'crash-test',
  types: ['messages.ingested'],
  from: 'beginning',
  batchSize: 50,
  async handle(event, trx) {
    await sql`insert into listener_effects (event_id) values (${event.id})`.execute(trx);
    await sql`update listener_counter set n = n + 1`.execute(trx);
    process.stdout.write(`handled ${event.id}\n`);
  },
});

const runner = new ListenerRunner([counting], {
  db,
  ctx: null,
  clock: systemClock,
  logger,
  waker,
  pollMs: 200,
});
await runner.start();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void runner
    .stop()
    .then(() => notifications?.close())
    .then(() => db.close())
    .then(() => process.exit(0));
});
