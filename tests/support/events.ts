import { currentEnd, latestEvent } from '../../src/events/reader.js';
import type { Db } from '../../src/store/database.js';
import { compareCursors } from '../../src/store/events-repo.js';

/**
 * Waits until every event committed so far is settled (readable by the stream). On PostgreSQL a
 * writing transaction anywhere on the server (another test's) holds the horizon back for a while;
 * on SQLite it returns at once.
 */
export async function eventsSettled(db: Db, ms = 30_000): Promise<void> {
  const target = await latestEvent(db);
  const deadline = Date.now() + ms;
  while (compareCursors(await currentEnd(db), target) < 0) {
    if (Date.now() > deadline) throw new Error('events did not settle in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
