import { describe, expect, it } from 'vitest';
import { SendError } from '../../platform/errors.js';
import type { OutboundMessage } from '../types.js';
import { composeReply } from './compose.js';
import { messageIdsIn, normalizeMessageId, replyMessageId } from './message-id.js';
import { emailSettingsSchema } from './settings.js';
import { normalizeSubject, replySubject, subjectThreadKey } from './subject.js';

const settings = emailSettingsSchema.parse({
  address: 'Support@Shop.test',
  fromName: 'Shop Support',
  smtpHost: 'smtp.shop.test',
});

function reply(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    messageId: 7,
    localId: 'rapport:0a1b2c3d4e5f',
    conversationId: 3,
    channel: 'email',
    text: 'We are on it.',
    inReplyTo: 'CAF00Mixed.Case@mail.example.com',
    parent: {
      externalId: 'CAF00Mixed.Case@mail.example.com',
      meta: {
        subject: 'Where is my order?',
        messageId: 'CAF00Mixed.Case@mail.example.com',
        references: ['root@mail.example.com'],
      },
      authorExternalId: 'casey@example.com',
      createdAt: 0,
    },
    references: ['root@mail.example.com', 'CAF00Mixed.Case@mail.example.com'],
    threadKey: null,
    recipient: { externalId: 'casey@example.com', handle: 'casey@example.com', name: 'Casey' },
    senderName: 'Alex Agent',
    createdAt: 0,
    ...overrides,
  };
}

describe('composeReply', () => {
  it('threads the reply in the customer’s mail client', () => {
    const mail = composeReply(reply(), settings, 'account name');
    expect(mail).toMatchObject({
      from: { name: 'Alex Agent via Shop Support', address: 'support@shop.test' },
      to: { name: 'Casey', address: 'casey@example.com' },
      subject: 'Re: Where is my order?',
      inReplyTo: '<CAF00Mixed.Case@mail.example.com>',
      references: ['<root@mail.example.com>', '<CAF00Mixed.Case@mail.example.com>'],
      text: 'We are on it.',
    });
    expect(mail.messageId).toBe('rapport.0a1b2c3d4e5f@shop.test');
  });

  it('keeps one "Re:", answers the Reply-To address, and can leave the agent out of From', () => {
    const mail = composeReply(
      reply({
        parent: {
          externalId: 'p@x.test',
          meta: { subject: 'RE: Refund', replyTo: 'casey.private@example.com' },
          authorExternalId: null,
          createdAt: 0,
        },
      }),
      { ...settings, agentNameInFrom: false },
      'acct',
    );
    expect(mail.subject).toBe('RE: Refund');
    expect(mail.to.address).toBe('casey.private@example.com');
    expect(mail.from.name).toBe('Shop Support');
    // no chain of its own: the conversation's earlier mails, then the parent
    expect(mail.references).toEqual([
      '<root@mail.example.com>',
      '<CAF00Mixed.Case@mail.example.com>',
      '<p@x.test>',
    ]);
  });

  it('keeps the root and the newest references of a long thread', () => {
    const refs = Array.from({ length: 40 }, (_, i) => `r${i}@x.test`);
    const mail = composeReply(
      reply({
        parent: {
          externalId: 'last@x.test',
          meta: { references: refs },
          authorExternalId: null,
          createdAt: 0,
        },
      }),
      settings,
      'acct',
    );
    expect(mail.references).toHaveLength(20);
    expect(mail.references[0]).toBe('<r0@x.test>');
    expect(mail.references.at(-1)).toBe('<last@x.test>');
  });

  it('falls back to the conversation’s ids, skipping Rapport’s own not-yet-sent ids', () => {
    const mail = composeReply(
      reply({
        parent: { externalId: 'p@x.test', meta: null, authorExternalId: 'c@x.test', createdAt: 0 },
        references: ['a@x.test', 'rapport:123', 'p@x.test'],
      }),
      settings,
      'acct',
    );
    expect(mail.references).toEqual(['<a@x.test>', '<p@x.test>']);
    expect(mail.subject).toBe('Re: your message');
  });

  it('writes a first mail without a parent (e.g. a chat reply by email)', () => {
    const mail = composeReply(reply({ parent: null, inReplyTo: null, references: [] }), settings, 'acct');
    expect(mail.inReplyTo).toBeNull();
    expect(mail.references).toEqual([]);
    expect(mail.subject).toBe('Message from Shop Support');
  });

  it('refuses to send without an address to send to', () => {
    const bad = reply({ parent: null, recipient: { externalId: 'visitor-1', handle: null, name: null } });
    expect(() => composeReply(bad, settings, 'acct')).toThrow(SendError);
  });
});

describe('Message-IDs and subjects', () => {
  it('reduces Message-ID headers to ids, keeping case', () => {
    expect(normalizeMessageId(' <ABC@Example.com> ')).toBe('ABC@Example.com');
    expect(messageIdsIn('<a@x>\r\n <b@y>,<c@z>')).toEqual(['a@x', 'b@y', 'c@z']);
    expect(messageIdsIn('bare@id.test')).toEqual(['bare@id.test']);
    expect(messageIdsIn('<no-at-sign>')).toEqual([]);
    expect(normalizeMessageId(undefined)).toBeNull();
  });

  it('derives our reply ids from Rapport’s own id (the same on a retried send)', () => {
    expect(replyMessageId('rapport:ABCdef', 'a@Shop.Test')).toBe('rapport.abcdef@shop.test');
  });

  it('strips reply and forward prefixes in many languages', () => {
    expect(normalizeSubject('Re: AW: Fwd: SV: Vs: RE[2]: Antw: 回复：Order  42')).toBe('order 42');
    expect(normalizeSubject('Re:')).toBe('');
    expect(replySubject('Re: x')).toBe('Re: x');
    expect(replySubject('Fwd: x')).toBe('Re: Fwd: x');
    expect(replySubject('')).toBe('Re: your message');
  });

  it('has no subject thread key for an empty subject', () => {
    expect(subjectThreadKey('s@x', 'c@x', 'Re: ')).toBeNull();
    expect(subjectThreadKey('s@x', 'c@x', 'Hi')).toBe(subjectThreadKey('S@X', 'C@X', 'RE: hi'));
    expect(subjectThreadKey('other@x', 'c@x', 'Hi')).not.toBe(subjectThreadKey('s@x', 'c@x', 'Hi'));
  });
});
