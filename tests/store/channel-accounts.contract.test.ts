/** Channel accounts, their durable state, audience figures and attachments (store/channel-accounts-repo.ts). */
import { expect } from 'vitest';
import {
  deleteChannelAccount,
  findChannelAccountByName,
  getAccountState,
  getAttachment,
  getChannelAccountRow,
  insertAttachments,
  insertChannelAccount,
  listAttachmentsOf,
  listChannelAccountRows,
  setAccountState,
  setChannelAccountStatus,
  updateChannelAccountConfig,
  upsertAudienceSnapshot,
} from '../../src/store/channel-accounts-repo.js';
import type { Db } from '../../src/store/database.js';
import { contractEngines } from '../support/contract.js';
import { expectUnchanged, runStoreContract } from '../support/store-contract.js';
import { addConversation, addMessage, NOW } from './seed.js';

const account = (db: Db, channel: string, name: string) =>
  insertChannelAccount(db.kysely, { channel, name, settingsJson: '{"a":1}', secretsEnc: 'sealed', now: NOW });

for (const engine of contractEngines) {
  const skip =
    engine === 'postgres'
      ? [
          {
            reason:
              'attachments.size is `integer` (int4) on PostgreSQL; mails are capped by RAPPORT_SMTP_MAX_BYTES (25 MiB by default)',
            tests: ['describes an omitted attachment over 2 GiB'],
          },
        ]
      : [];
  runStoreContract('channel accounts', { engine, skip }, (test) => {
    test('stores accounts with unique names per channel; a taken name is refused whole', async ({ db }) => {
      const shop = await account(db, 'email', 'shop');
      await account(db, 'bluesky', 'shop');
      await account(db, 'email', 'Shop');
      await expectUnchanged(db, () => account(db, 'email', 'shop'));
      expect((await findChannelAccountByName(db.kysely, 'email', 'shop'))?.id).toBe(shop.id);
      expect(await getChannelAccountRow(db.kysely, 999)).toBeUndefined();
      return {
        shop,
        all: (await listChannelAccountRows(db.kysely)).map((r) => [r.id, r.channel, r.name]),
        email: (await listChannelAccountRows(db.kysely, 'email')).map((r) => r.name),
      };
    });

    test("people's status changes restart the connector; a connector's own report writes only on change", async ({
      db,
    }) => {
      const a = await account(db, 'email', 'shop');
      const steps = [
        await setChannelAccountStatus(db.kysely, a.id, {
          status: 'broken',
          message: 'down',
          now: NOW + 1,
          byPerson: false,
        }),
        await setChannelAccountStatus(db.kysely, a.id, {
          status: 'broken',
          message: 'down',
          now: NOW + 2,
          byPerson: false,
        }),
        await setChannelAccountStatus(db.kysely, a.id, {
          status: 'broken',
          message: null,
          now: NOW + 3,
          byPerson: false,
        }),
        await setChannelAccountStatus(db.kysely, a.id, {
          status: 'broken',
          message: null,
          now: NOW + 4,
          byPerson: false,
        }),
        await setChannelAccountStatus(db.kysely, a.id, {
          status: 'paused',
          message: null,
          now: NOW + 5,
          byPerson: true,
        }),
        await setChannelAccountStatus(db.kysely, a.id, {
          status: 'paused',
          message: null,
          now: NOW + 6,
          byPerson: true,
        }),
        await setChannelAccountStatus(db.kysely, 999, {
          status: 'paused',
          message: null,
          now: NOW,
          byPerson: true,
        }),
      ];
      expect(steps).toEqual([true, false, true, false, true, true, false]);
      await updateChannelAccountConfig(db.kysely, a.id, {
        settingsJson: '{"b":2}',
        secretsEnc: null,
        now: NOW + 7,
      });
      return { steps, row: await getChannelAccountRow(db.kysely, a.id) };
    });

    test('keeps connector state and one audience row per day; deleting the account removes both', async ({
      db,
    }) => {
      const a = await account(db, 'bluesky', 'brand');
      const b = await account(db, 'bluesky', 'other');
      await setAccountState(db.kysely, a.id, 'cursor', '1', NOW);
      await setAccountState(db.kysely, a.id, 'cursor', '2', NOW + 1);
      await setAccountState(db.kysely, b.id, 'cursor', 'b', NOW);
      const day = { accountId: a.id, day: '2026-11-01', following: null, posts: 3 };
      await upsertAudienceSnapshot(db.kysely, { ...day, followers: 10, now: NOW });
      await upsertAudienceSnapshot(db.kysely, { ...day, followers: 12, now: NOW + 1 });
      await upsertAudienceSnapshot(db.kysely, { ...day, day: '2026-11-02', followers: 13, now: NOW + 2 });
      const before = {
        cursor: await getAccountState(db.kysely, a.id, 'cursor'),
        missing: await getAccountState(db.kysely, a.id, 'nope'),
        audience: await db.kysely.selectFrom('audience_snapshots').selectAll().orderBy('day').execute(),
      };
      expect(before.cursor).toBe('2');
      expect(await deleteChannelAccount(db.kysely, a.id)).toBe(true);
      expect(await deleteChannelAccount(db.kysely, a.id)).toBe(false);
      const after = {
        state: await db.kysely.selectFrom('channel_account_state').select(['account_id', 'value']).execute(),
        audience: await db.kysely.selectFrom('audience_snapshots').selectAll().execute(),
      };
      expect(after).toEqual({ state: [{ account_id: b.id, value: 'b' }], audience: [] });
      return { before, after };
    });

    test('stores attachment bytes exactly, or only their description when omitted', async ({ db }) => {
      const c = await addConversation(db);
      const m1 = await addMessage(db, c);
      const m2 = await addMessage(db, c);
      const bytes = Buffer.from([0, 1, 2, 255, 254, 0, 10, 13]);
      const base = { contentType: 'application/octet-stream', now: NOW };
      await insertAttachments(db.kysely, []);
      await insertAttachments(db.kysely, [
        { ...base, messageId: m2, filename: 'b.bin', size: 8, data: bytes, omittedReason: null },
        {
          ...base,
          messageId: m1,
          filename: 'huge.iso',
          size: 50e6,
          data: null,
          omittedReason: 'over the size cap',
        },
      ]);
      await expectUnchanged(db, () =>
        insertAttachments(db.kysely, [
          { ...base, messageId: 999, filename: 'x', size: 1, data: null, omittedReason: null },
        ]),
      );
      const listed = await listAttachmentsOf(db.kysely, [m1, m2]);
      const file = await getAttachment(db.kysely, listed[0]!.id);
      expect(Buffer.compare(Buffer.from(file!.data!), bytes)).toBe(0);
      expect(await listAttachmentsOf(db.kysely, [])).toEqual([]);
      return { listed, data: [...Buffer.from(file!.data!)] };
    });

    test('describes an omitted attachment over 2 GiB', async ({ db }) => {
      const m = await addMessage(db, await addConversation(db));
      const huge = { messageId: m, filename: 'disk.img', contentType: 'application/octet-stream', now: NOW };
      await insertAttachments(db.kysely, [
        { ...huge, size: 3e9, data: null, omittedReason: 'over the size cap' },
      ]);
      expect((await listAttachmentsOf(db.kysely, [m]))[0]?.size).toBe(3e9);
    });
  });
}
