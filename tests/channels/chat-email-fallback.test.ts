/**
 * Replies to a website visitor who has gone go out by email, through the chat account's fallback
 * email account and the email channel's own sender, to a real SMTP server. Runs once the email
 * channel is in the registry.
 */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelDefinitions } from '../../src/channels/registry.js';
import { addChannelAccount } from '../../src/commands/channel-accounts.js';
import { validateMessage } from '../../src/domain/message-format.js';
import { ingestMessages } from '../../src/ingest/ingest.js';
import { createJobWorker } from '../../src/runtime/job-worker.js';
import { systemActor } from '../../src/store/events-repo.js';
import type { TestSession } from '../support/app.js';
import { eventually } from '../support/channel-contract.js';
import { type ChatServer, chatServer, shop, WidgetClient } from '../support/widget.js';

const hasEmail = channelDefinitions.some((d) => d.type === 'email');
if (!hasEmail)
  console.warn('[chat] the email channel is not registered yet: the email fallback test is skipped');

describe.skipIf(!hasEmail)('chat replies by email once the visitor has gone', () => {
  let t: ChatServer;
  let smtp: SMTPServer;
  let agent: TestSession;
  let key = '';
  const mails: ParsedMail[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((mail) => {
            mails.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    t = await chatServer();
    agent = await t.login('agent');
    const email = await addChannelAccount(t.services, systemActor, {
      type: 'email',
      name: 'Shop mail',
      settings: {
        address: 'support@shop.example',
        fromName: 'Shop',
        smtpHost: '127.0.0.1',
        smtpPort,
        smtpSecure: false,
      },
      verify: false,
    });
    key = (await t.addChat('Shop', { fallbackEmailAccountId: email.id })).key;
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(resolve) : resolve()));
  });

  const reply = async (conversationId: number, text: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/reply`,
      headers: agent.headers,
      payload: { text },
    });
    expect(res.statusCode).toBe(200);
    const worker = createJobWorker(t.services, { idleMs: 20 });
    try {
      await eventually(async () => (await worker.drain()) > 0, 10_000, 'the send job');
    } finally {
      await worker.stop();
    }
    return (res.json() as { message: { id: number } }).message.id;
  };
  let firstMailId = '';
  let visitorId = '';
  const stored = (id: number) =>
    t.services.db.kysely.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('sends live while the visitor is connected, by email once they have left an address and gone', async () => {
    const visitor = await WidgetClient.connect(t.baseUrl, key, { origin: shop });
    const { token } = await visitor.hello();
    const ack = await visitor.say('Do you have this in size 44?');
    const conversationId = (
      await t.services.db.kysely
        .selectFrom('messages')
        .select('conversation_id')
        .where('id', '=', Number(ack.message.id))
        .executeTakeFirstOrThrow()
    ).conversation_id;
    visitor.send({ type: 'profile', name: 'Sam', email: 'sam@example.com' });
    await visitor.next('profile');

    const live = await reply(conversationId, 'Let me check the stock.');
    await visitor.next('message', (f) => f.message.text === 'Let me check the stock.');
    expect((await stored(live)).delivery_status).toBe('sent');
    expect(mails).toEqual([]);

    visitor.close();
    const seen = () =>
      t.services.db.kysely
        .selectFrom('channel_account_state')
        .select('value')
        .where('key', '=', `visitor:${token.split('.')[1]}:seen`)
        .executeTakeFirst();
    await eventually(async () => (await seen())?.value.startsWith('offline:'), 5_000, 'the visitor to go');

    const first = await reply(conversationId, 'Yes, size 44 is in stock!');
    const firstMail = await eventually(async () => mails[0], 5_000, 'the first mail');
    firstMailId = firstMail.messageId ?? '';
    visitorId = token.split('.')[1] ?? '';
    expect(firstMail.to && 'text' in firstMail.to ? firstMail.to.text : '').toContain('sam@example.com');
    expect(firstMail.from?.value[0]?.address).toBe('support@shop.example');
    expect(firstMail.text).toContain('Yes, size 44 is in stock!');
    const row = await stored(first);
    expect(row.delivery_status).toBe('sent');
    expect(JSON.parse(row.meta_json ?? '{}')).toMatchObject({
      deliveredBy: 'email',
      email: { to: 'sam@example.com' },
    });

    await reply(conversationId, 'We can also hold a pair for you.');
    const secondMail = await eventually(async () => mails[1], 5_000, 'the second mail');
    expect(secondMail.inReplyTo).toBe(firstMail.messageId);
    expect(secondMail.subject).toBe(`Re: ${firstMail.subject}`);

    // back on the website: every reply is in the chat too
    const back = await WidgetClient.connect(t.baseUrl, key, { origin: shop });
    const history = (await back.hello(token)).messages.filter((m) => m.from === 'agent').map((m) => m.text);
    expect(history).toEqual([
      'Let me check the stock.',
      'Yes, size 44 is in stock!',
      'We can also hold a pair for you.',
    ]);
    back.close();
  });

  it("a mail from the visitor's address answering the fallback mail confirms it: one person across chat and email", async () => {
    expect(firstMailId).not.toBe('');
    const db = t.services.db.kysely;
    const contactOf = async (channel: string, externalId: string) =>
      (
        await db
          .selectFrom('contact_identities')
          .select('contact_id')
          .where('channel', '=', channel)
          .where('external_id', '=', externalId)
          .executeTakeFirst()
      )?.contact_id;
    // the email-proofs listener remembered the mail sent to the typed address
    await eventually(
      async () =>
        db
          .selectFrom('contact_email_proofs')
          .selectAll()
          .where('message_id', '=', firstMailId.replace(/^<|>$/g, ''))
          .executeTakeFirst(),
      10_000,
      'the proof',
    );
    const mail = (id: string, inReplyTo: string | null) => {
      const v = validateMessage({
        channel: 'email',
        external_id: id,
        direction: 'inbound',
        author: { id: 'sam@example.com', handle: 'sam@example.com', name: 'Sam' },
        text: 'Thanks, I will come by on Saturday.',
        created_at: new Date(t.services.clock.now()).toISOString(),
        in_reply_to: inReplyTo,
      });
      if (!v.ok) throw new Error(v.errors.join(', '));
      return v.message;
    };
    // the address's own history first: until confirmed, the visitor stays apart
    await ingestMessages(t.services, [mail('<earlier@example.com>', null)], systemActor);
    const owner = await contactOf('email', 'sam@example.com');
    expect(await contactOf('chat', visitorId)).not.toBe(owner);
    // as an API client may send it: the header's Message-ID, angle brackets and all
    await ingestMessages(t.services, [mail('<answer@example.com>', firstMailId)], systemActor);
    // one person now (the younger contact merged into the older: here the visitor's)
    const person = await contactOf('chat', visitorId);
    expect(await contactOf('email', 'sam@example.com')).toBe(person);
    const theirs = await db
      .selectFrom('messages')
      .select('contact_id')
      .where('direction', '=', 'inbound')
      .execute();
    expect(new Set(theirs.map((m) => m.contact_id))).toEqual(new Set([person]));
    expect(person).not.toBe(owner); // the address's contact, the younger, was merged into the visitor's
  });
});
