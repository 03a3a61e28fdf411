/**
 * Full-text search (store/search.ts): what a typed query matches, on both engines. How each write
 * path keeps the index is tests/search-index.test.ts.
 */
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Db } from '../../src/store/database.js';
import { matchingConversationIds, SEARCH_MATCH_LIMIT } from '../../src/store/search.js';
import { contractEngines } from '../support/contract.js';
import { runStoreContract } from '../support/store-contract.js';
import { addConversation, addMessage, NOW } from './seed.js';

const search = async (db: Db, q: string) => (await matchingConversationIds(db.kysely, db.engine, q)).sort();

/** One conversation per text; returns their ids in the same order. */
async function conversationsSaying(db: Db, texts: string[]) {
  const ids: number[] = [];
  for (const text of texts) {
    const id = await addConversation(db);
    await addMessage(db, id, { text });
    ids.push(id);
  }
  return ids;
}

for (const engine of contractEngines) {
  runStoreContract(
    'full-text search',
    {
      engine,
      skip:
        engine === 'postgres'
          ? [
              {
                reason:
                  "SQLite's index folds accents (FTS5 unicode61 remove_diacritics 2); PostgreSQL's 'simple' configuration keeps them",
                tests: ['finds words whatever their accents'],
              },
            ]
          : [],
    },
    (test) => {
      test('needs every word; the last one is a prefix only while typed and 3+ characters', async ({
        db,
      }) => {
        await conversationsSaying(db, [
          'my parcel arrived broken',
          'parcel lost at gate 4',
          'the parcels are late',
          'arrival time please',
        ]);
        const queries = [
          'parcel',
          'parcel arr',
          'parcel arr ',
          'parcel ar',
          'gate 4',
          'arriv',
          'parc',
          'PARCEL LOST',
        ];
        const out = Object.fromEntries(await Promise.all(queries.map(async (q) => [q, await search(db, q)])));
        expect(out['parcel arr']).toHaveLength(1);
        expect(out['parcel arr ']).toEqual([]);
        expect(out['PARCEL LOST']).toHaveLength(1);
        return out;
      });

      test('treats operators, quotes and punctuation in a query as plain text', async ({ db }) => {
        await conversationsSaying(db, [
          'refund OR exchange',
          'NEAR the gate',
          "it's not working",
          'a & b | c',
        ]);
        const queries = ['refund OR', '"exchange"', 'NEAR(', "it's", '& | !', '-refund', 'gate*', '(((', ''];
        const out: Record<string, number[]> = {};
        for (const q of queries) out[q] = await search(db, q);
        expect(out['& | !']).toEqual([]);
        expect(out['']).toEqual([]);
        expect(out['refund OR']).toHaveLength(1);
        return out;
      });

      test('finds words whatever their accents', async ({ db }) => {
        const [cafe] = await conversationsSaying(db, ['the café was closed']);
        expect(await search(db, 'cafe closed')).toEqual([cafe]);
        expect(await search(db, 'CAFÉ')).toEqual([cafe]);
      });

      test('follows edits and deletions of message text', async ({ db }) => {
        const c = await addConversation(db);
        const m = await addMessage(db, c, { text: 'walrus invoice' });
        await db.kysely
          .updateTable('messages')
          .set({ text: 'pelican invoice' })
          .where('id', '=', m)
          .execute();
        const afterEdit = { walrus: await search(db, 'walrus'), pelican: await search(db, 'pelican') };
        await db.kysely.deleteFrom('messages').where('id', '=', m).execute();
        const afterDelete = await search(db, 'invoice');
        expect(afterEdit).toEqual({ walrus: [], pelican: [c] });
        expect(afterDelete).toEqual([]);
        return { afterEdit, afterDelete };
      });

      test(`looks only at the newest ${SEARCH_MATCH_LIMIT} matching messages`, async ({ db }) => {
        const [oldest] = await conversationsSaying(db, ['zebra in the oldest conversation']);
        const busy = await addConversation(db);
        const rows = Array.from({ length: SEARCH_MATCH_LIMIT }, (_, i) => ({ i }));
        const values = rows.map(({ i }) => ({
          conversation_id: busy,
          channel: 'twitter',
          external_id: `z-${i}`,
          direction: 'inbound' as const,
          text: `zebra sighting ${i}`,
          created_at: NOW,
          received_at: NOW,
          delivery_status: 'received' as const,
        }));
        await db.kysely.insertInto('messages').values(values).execute();
        const [newest] = await conversationsSaying(db, ['zebra in the newest conversation']);
        const found = await search(db, 'zebra');
        expect(found).toEqual([busy, newest].sort());
        expect(found).not.toContain(oldest);
        expect(await search(db, 'zebra oldest')).toEqual([oldest]);
        const count = await sql<{ n: number }>`select count(*) as n from messages`.execute(db.kysely);
        return { found, messages: Number(count.rows[0]!.n) };
      });
    },
  );
}
