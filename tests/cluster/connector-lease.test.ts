/**
 * Connectors run once per cluster: two processes on one PostgreSQL database share an email account
 * whose SMTP listener only one of them runs (the other neither binds the port nor marks the account
 * broken); when the holder is killed with SIGKILL the other takes over within 30 s, and mail sent
 * before and after is stored exactly once.
 */
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { addChannelAccount } from '../../src/commands/channel-accounts.js';
import { systemActor } from '../../src/store/events-repo.js';
import { SUPPORT, sendToListener } from '../email/support.js';
import { eventually } from '../support/channel-contract.js';
import { freePort } from '../support/dovecot.js';
import { pgTestUrl } from '../support/engines.js';
import { servicesFor } from '../support/services.js';
import { type Cluster, cluster, killHard, SKIP_REASON } from './support.js';

describe.skipIf(!pgTestUrl())(`a connector in a cluster (${SKIP_REASON})`, () => {
  let c: Cluster | undefined;
  afterEach(async () => {
    await c?.close();
    c = undefined;
  });

  it('runs once, survives SIGKILL of its holder within 30 s, and stores each mail once', {
    timeout: 240_000,
  }, async () => {
    c = await cluster();
    const services = await servicesFor(c.db);
    const port = await freePort();
    const account = await addChannelAccount(services, systemActor, {
      type: 'email',
      name: 'Shop Support',
      settings: { address: SUPPORT, smtpListenPort: port, smtpHost: '127.0.0.1', smtpPort: await freePort() },
      verify: false,
    });
    const db = c.db.kysely;
    /** OS pids of the processes holding the account's lease (their lease connections are named). */
    const holders = async () =>
      (
        await sql<{ app: string }>`
          select a.application_name as app from pg_locks l join pg_stat_activity a on a.pid = l.pid
          where l.locktype = 'advisory' and l.granted and l.objid = ${account.id}
            and l.classid = (hashtext(${`rapport_connector:${c!.db.schema}`}) :: bigint & 4294967295)::oid`.execute(
          db,
        )
      ).rows.map((r) => Number(r.app.split(':')[1]));
    const deliver = (id: string) =>
      eventually(
        async () =>
          (await sendToListener(port, {
            subject: `Order ${id}`,
            text: `Where is ${id}?`,
            messageId: `<${id}@example.com>`,
          }).catch(() => null)) !== null,
        40_000,
        `the listener to take mail ${id}`,
      );

    // one full process and one worker (roles: both run connectors)
    const [a, b] = await Promise.all([c.start(), c.start({ role: 'worker' })]);
    const pids = [a.child.pid!, b.child.pid!];
    await deliver('before');
    // both have reconciled several times by now (every second): still exactly one holder
    await new Promise((r) => setTimeout(r, 2500));
    const [holder, ...others] = await holders();
    expect(others).toEqual([]);
    expect(pids).toContain(holder);

    const killed = Date.now();
    await killHard(holder === a.child.pid ? a.child : b.child);
    await deliver('after');
    expect(Date.now() - killed).toBeLessThan(30_000);
    expect(await holders()).toEqual(pids.filter((p) => p !== holder));

    const stored = await db
      .selectFrom('messages')
      .select('external_id')
      .where('channel', '=', 'email')
      .orderBy('id')
      .execute();
    expect(stored.map((m) => m.external_id)).toEqual(['before@example.com', 'after@example.com']);
    const row = await db
      .selectFrom('channel_accounts')
      .select(['status', 'status_message'])
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'active', status_message: null });
    const broken = await db.selectFrom('events').select('id').where('type', '=', 'channel.broken').execute();
    expect(broken).toEqual([]);
  });
});
