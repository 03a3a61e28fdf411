/**
 * retryStep (store/step-retry.ts) on both engines; it was src/store/step-retry.test.ts. The engines
 * differ by design here (see step-retry.ts), so the tests state each engine's expectation.
 */
import { expect } from 'vitest';
import type { Db } from '../../src/store/database.js';
import { retryStep } from '../../src/store/step-retry.js';
import { contractEngines } from '../support/contract.js';
import { runStoreContract } from '../support/store-contract.js';

for (const engine of contractEngines) {
  runStoreContract('retried transaction steps', { engine }, (test) => {
    const label = (name: string) => ({ name, color: null, created_at: 0 });
    const names = async (db: Db) =>
      (await db.kysely.selectFrom('labels').select('name').orderBy('name').execute()).map((r) => r.name);

    test('keeps the transaction and the other steps when a step succeeds', async ({ db }) => {
      await db.kysely.transaction().execute(async (trx) => {
        await trx.insertInto('labels').values(label('a')).execute();
        await retryStep(db, trx, () => trx.insertInto('labels').values(label('b')).execute());
        await trx.insertInto('labels').values(label('c')).execute();
      });
      expect(await names(db)).toEqual(['a', 'b', 'c']);
    });

    test('retries a step that lost an insert race alone (PostgreSQL), or ends the transaction (SQLite)', async ({
      db,
    }) => {
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
        expect(await names(db)).toEqual(['before', 'step2', 'taken']);
      } else {
        await expect(run).rejects.toThrow(/UNIQUE/);
        expect(attempts).toBe(1);
        expect(await names(db)).toEqual(['taken']);
      }
    });

    test('gives up after the last attempt and on other errors', async ({ db }) => {
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
      expect(await names(db)).toEqual(['taken']);
    });
  });
}
