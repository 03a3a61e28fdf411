import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyToConversation } from '../../src/commands/reply.js';
import { listAttachmentsOf } from '../../src/store/channel-accounts-repo.js';
import { eventually } from '../support/channel-contract.js';
import { freePort } from '../support/dovecot.js';
import { testEngines } from '../support/engines.js';
import {
  bare,
  countEmails,
  type EmailRapport,
  findEmail,
  SUPPORT,
  sendToListener,
  startCaptureServer,
  startEmailRapport,
} from './support.js';

const agent = { type: 'user' as const, id: 1, userId: null, name: 'Alex Agent' };

describe.each(testEngines)('email over the SMTP listener on %s', (engine) => {
  let rapport: EmailRapport;
  let capture: Awaited<ReturnType<typeof startCaptureServer>>;
  let listenPort = 0;

  beforeAll(async () => {
    capture = await startCaptureServer({ reject: (to) => (to.startsWith('gone@') ? 550 : null) });
    listenPort = await freePort();
    rapport = await startEmailRapport(engine, {
      smtpListenPort: listenPort,
      acceptedRecipients: [SUPPORT, '@help.shop.test'],
      smtpHost: '127.0.0.1',
      smtpPort: capture.port,
      smtpSecure: false,
    });
  });
  afterAll(async () => {
    await rapport?.close();
    await capture?.close();
  });

  let customerId = '';
  let conversationId = 0;
  let replyId = '';

  it('stores a customer mail with its attachment, tied to the account', async () => {
    const sent = await sendToListener(listenPort, {
      subject: 'Broken blender',
      text: 'My blender arrived broken, photo attached.',
      attachments: [{ filename: 'blender.png', content: Buffer.from('png-bytes'), contentType: 'image/png' }],
    });
    expect(sent.response).toMatch(/^250 /);
    customerId = bare(sent.messageId);
    const row = await findEmail(rapport.services, customerId);
    expect(row).toMatchObject({
      direction: 'inbound',
      author_external_id: 'casey@example.com',
      author_name: 'Casey Customer',
      text: 'My blender arrived broken, photo attached.',
    });
    conversationId = row!.conversation_id;
    const conv = await rapport.services.db.kysely
      .selectFrom('conversations')
      .selectAll()
      .where('id', '=', conversationId)
      .executeTakeFirstOrThrow();
    expect(conv.channel_account_id).toBe(rapport.accountId);
    const files = await listAttachmentsOf(rapport.services.db.kysely, [row!.id]);
    expect(files).toMatchObject([{ filename: 'blender.png', content_type: 'image/png', size: 9 }]);
  });

  it('sends the agent’s reply threaded for the customer’s mail client', async () => {
    const reply = await replyToConversation(
      rapport.services,
      agent,
      conversationId,
      'So sorry! A new one is on its way.',
    );
    await rapport.drainOutbound();
    const mail = await capture.waitFor('A new one is on its way');
    const p = mail.parsed;
    expect(p.from?.value[0]).toMatchObject({ name: 'Alex Agent via Shop Support', address: SUPPORT });
    expect(p.to && !Array.isArray(p.to) ? p.to.value[0]?.address : null).toBe('casey@example.com');
    expect(mail.envelope.to).toEqual(['casey@example.com']);
    expect(p.subject).toBe('Re: Broken blender');
    expect(bare(p.inReplyTo)).toBe(customerId);
    expect([p.references].flat().map((r) => bare(r))).toEqual([customerId]);
    replyId = bare(p.messageId);
    const stored = await findEmail(rapport.services, replyId);
    expect(stored).toMatchObject({ id: reply.id, delivery_status: 'sent', delivery_error: null });
  });

  it('threads the customer’s answer (In-Reply-To/References) into the same conversation', async () => {
    const sent = await sendToListener(listenPort, {
      subject: 'Re: Broken blender',
      text: 'Thanks! When will it arrive?',
      inReplyTo: `<${replyId}>`,
      references: [`<${customerId}>`, `<${replyId}>`],
    });
    const row = await findEmail(rapport.services, bare(sent.messageId));
    expect(row?.conversation_id).toBe(conversationId);
    expect(row?.in_reply_to).toBe(replyId);
  });

  it('threads an answer whose mail client dropped the headers by subject and sender', async () => {
    const sent = await sendToListener(listenPort, {
      subject: 'AW: Re: broken  BLENDER',
      text: 'Still waiting.',
    });
    const row = await findEmail(rapport.services, bare(sent.messageId));
    expect(row?.conversation_id).toBe(conversationId);
    const other = await sendToListener(listenPort, {
      from: 'someone.else@example.com',
      subject: 'Re: Broken blender',
      text: 'Different person, same subject',
    });
    expect((await findEmail(rapport.services, bare(other.messageId)))?.conversation_id).not.toBe(
      conversationId,
    );
  });

  it('takes mail for a whole accepted domain and plus-addresses, and refuses other recipients with 550 5.1.1', async () => {
    const before = await countEmails(rapport.services);
    await sendToListener(listenPort, {
      to: 'billing@help.shop.test',
      subject: 'Invoice',
      text: 'domain entry',
    });
    await sendToListener(listenPort, { to: 'support+urgent@shop.test', subject: 'Urgent', text: 'plus tag' });
    const refused = await sendToListener(listenPort, { to: 'ceo@shop.test', text: 'not for Rapport' }).catch(
      (e: { responseCode?: number; response?: string }) => e,
    );
    expect(refused).toMatchObject({ responseCode: 550 });
    expect((refused as { response: string }).response).toContain('5.1.1');
    expect(await countEmails(rapport.services)).toBe(before + 2);
  });

  it('stores the same Message-ID delivered twice only once', async () => {
    const mail = { subject: 'Twice', text: 'retry me', messageId: '<dup-1@example.com>' };
    await sendToListener(listenPort, mail);
    const again = await sendToListener(listenPort, mail);
    expect(again.response).toMatch(/^250 /);
    const rows = await rapport.services.db.kysely
      .selectFrom('messages')
      .select('id')
      .where('external_id', '=', 'dup-1@example.com')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('keeps auto-replies out of the inbox, and marks a reply failed when its bounce comes back', async () => {
    const before = await countEmails(rapport.services);
    await sendToListener(listenPort, {
      subject: 'Automatic reply: Broken blender',
      text: 'I am out of the office until Monday.',
      headers: { 'Auto-Submitted': 'auto-replied' },
      inReplyTo: `<${replyId}>`,
    });
    await sendToListener(listenPort, {
      envelope: { from: '', to: SUPPORT },
      from: 'Mail Delivery System <MAILER-DAEMON@mx.example.com>',
      subject: 'Undelivered Mail Returned to Sender',
      text: `This is the mail system.\n\n<casey@example.com>: host mx.example.com said: 550 5.1.1 User unknown\n\nMessage-ID: <${replyId}>\n`,
    });
    expect(await countEmails(rapport.services)).toBe(before);
    const reply = await findEmail(rapport.services, replyId);
    expect(reply?.delivery_status).toBe('failed');
    expect(reply?.delivery_error).toContain('550 5.1.1');
    const conv = await rapport.services.db.kysely
      .selectFrom('conversations')
      .select('status')
      .where('id', '=', conversationId)
      .executeTakeFirstOrThrow();
    expect(conv.status).toBe('open');
  });

  it('does not retry a reply the recipient’s server refused for good', async () => {
    const sent = await sendToListener(listenPort, { from: 'gone@example.com', subject: 'Hi', text: 'hello' });
    const row = await findEmail(rapport.services, bare(sent.messageId));
    const reply = await replyToConversation(rapport.services, agent, row!.conversation_id, 'Hello back');
    await rapport.drainOutbound();
    const stored = await eventually(
      async () => {
        const m = await rapport.services.db.kysely
          .selectFrom('messages')
          .selectAll()
          .where('id', '=', reply.id)
          .executeTakeFirst();
        return m?.delivery_status === 'failed' ? m : null;
      },
      5_000,
      'the failed send',
    );
    expect(stored.delivery_error).toContain('550');
  });
});
