/**
 * The shared channel contract (tests/support/channel-contract.ts) for Bluesky, against the local
 * network: the customer is a real account on the PDS that mentions the brand and answers in the
 * thread; what the brand sent is read from the customer's notifications through the AppView.
 */
import { blueskyChannel } from '../../src/channels/bluesky/index.js';
import { setChannelAccountStatus } from '../../src/store/channel-accounts-repo.js';
import { type ChannelHarness, eventually, runChannelContract } from '../support/channel-contract.js';
import { contractEngines, type Engine } from '../support/contract.js';
import { createAccount, mention, type TestAccount } from './support/accounts.js';
import { type RapportUnderTest, startRapport } from './support/rapport.js';

/** The parts of a post record the harness reads. */
interface PostRecord {
  text: string;
  reply?: { root: { uri: string; cid: string }; parent: { uri: string; cid: string } };
}

/** Bluesky with a customer on the local network; the contract drains the outbound queue itself. */
function blueskyHarness(engine: Engine): ChannelHarness {
  let rapport: RapportUnderTest;
  let brand: TestAccount;
  let customer: TestAccount;
  let accountId = 0;

  /** Stops the connector, forgets where its notification polling was, and starts it afresh. */
  const restartFromScratch = async () => {
    const db = rapport.services.db.kysely;
    const setStatus = async (status: 'paused' | 'active', now: number) => {
      await setChannelAccountStatus(db, accountId, { status, message: null, now, byPerson: true });
      await rapport.supervisor.reconcile();
    };
    await setStatus('paused', Date.now());
    await db
      .deleteFrom('channel_account_state')
      .where('account_id', '=', accountId)
      .where('key', '=', 'notifications')
      .execute();
    await setStatus('active', Date.now() + 1);
    // the fresh poller reads the last day's notifications again, then stores its position
    await eventually(
      () =>
        db
          .selectFrom('channel_account_state')
          .select('value')
          .where('account_id', '=', accountId)
          .where('key', '=', 'notifications')
          .executeTakeFirst(),
      10_000,
      'the notifications read again',
    );
  };

  return {
    definition: blueskyChannel,
    get services() {
      return rapport.services;
    },
    async setup() {
      brand = await createAccount('acme', 'Acme Support');
      customer = await createAccount('casey', 'Casey Customer');
      rapport = await startRapport({ engine, worker: false });
      accountId = await rapport.addBluesky(brand);
    },
    async customerWrites(text, options = {}) {
      if (!options.inReplyTo) return (await mention(customer, brand, text)).uri;
      const parent = await eventually(
        async () => (await customer.agent.getPosts({ uris: [options.inReplyTo!] })).data.posts[0],
        10_000,
        'the post answered, in the AppView',
      );
      const root = (parent.record as unknown as PostRecord).reply?.root ?? {
        uri: parent.uri,
        cid: parent.cid,
      };
      const post = await customer.agent.post({
        text,
        reply: { root, parent: { uri: parent.uri, cid: parent.cid } },
      });
      return post.uri;
    },
    async redeliver() {
      await restartFromScratch();
    },
    async customerReceives(marker) {
      const notification = await eventually(
        async () =>
          (await customer.agent.listNotifications({ limit: 50 })).data.notifications.find(
            (n) => n.reason === 'reply' && (n.record as unknown as PostRecord).text.includes(marker),
          ),
        10_000,
        "the brand's reply in the customer's notifications",
      );
      const record = notification.record as unknown as PostRecord;
      return { text: record.text, inReplyTo: record.reply?.parent.uri ?? null };
    },
    async teardown() {
      await rapport?.close();
    },
  };
}

for (const engine of contractEngines) {
  runChannelContract('Bluesky on a local network', { engine }, blueskyHarness);
}
