import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb, testEngines } from '../../tests/support/engines.js';
import type { Db } from './database.js';
import { retryStep } from './step-retry.js';

describe.each(testEngines)('retryStep on %s', (engine) => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb(engine);
  });
  afterEach(async () => {
    await db.close();
  });

  const label = (name: string) => ({ name, color: null, created_at: 0 });
  const names = async () =>
    (await db.kysely.selectFrom('labels').select('name').orderBy('name').execute()).map((r) => r.name);

  it('keeps the transaction and the other steps when a step succeeds', async () => {
    await db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('labels').values(label('a')).execute();
      await retryStep(db, trx, () => trx.insertInto('labels').values(label('b')).execute());
      await trx.insertInto('labels').values(label('c')).execute();
    });
    expect(await names()).toEqual(['a', 'b', 'c']);
  });

  it('retries a step that lost an insert race alone (PostgreSQL), or ends the transaction (SQLite)', async () => {
    await db.kysely.insertInto('labels').values(label('taken')).execute();
    let attempts = 0;
    const run = db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('labels').values(label('before')).execute();
      await retryStep(db, trx, async () => {
        attempts += 1;
        await trx
          .insertInto('labels')
          .values(label(`step${attempts}`))
          .execute();
        // the first attempt collides with a row another writer stored; the retry does not
        if (attempts === 1) await trx.insertInto('labels').values(label('taken')).execute();
      });
    });
    if (engine === 'postgres') {
      await run;
      expect(attempts).toBe(2);
      expect(await names()).toEqual(['before', 'step2', 'taken']);
    } else {
      await expect(run).rejects.toThrow(/UNIQUE/);
      expect(attempts).toBe(1);
      expect(await names()).toEqual(['taken']);
    }
  });

  it('gives up after the last attempt and on other errors', async () => {
    await db.kysely.insertInto('labels').values(label('taken')).execute();
    let attempts = 0;
    await expect(
      db.kysely.transaction().execute((trx) =>
        retryStep(db, trx, async () => {
          attempts += 1;
          await trx.insertInto('labels').values(label('taken')).execute();
        }),
      ),
    ).rejects.toThrow();
    expect(attempts).toBe(engine === 'postgres' ? 3 : 1);
    attempts = 0;
    await expect(
      db.kysely.transaction().execute((trx) =>
        retryStep(db, trx, async () => {
          attempts += 1;
          throw new Error('not a conflict');
        }),
      ),
    ).rejects.toThrow('not a conflict');
    expect(attempts).toBe(1);
    expect(await names()).toEqual(['taken']);
  });
});
