import { describe, expect, it } from 'vitest';
import { parseEmail } from './parse.js';

const options = {
  mailbox: 'support@shop.test',
  attachmentMaxBytes: 1_000_000,
  receivedAt: Date.UTC(2026, 10, 2),
};
const customer = [
  'From: Casey <casey@example.com>',
  'To: support@shop.test',
  'Subject: Re: Your order',
  'Message-ID: <m1@example.com>',
  'In-Reply-To: <rapport.r1@shop.test>',
];

const raw = (lines: string[], body = 'Text') => Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`, 'utf8');
const classify = (lines: string[], body?: string, envelopeFrom?: string | null) =>
  parseEmail(raw(lines, body), { ...options, envelopeFrom });

/** A standard RFC 3464 bounce of our reply <rapport.r1@shop.test>. */
function dsn(action: 'failed' | 'delayed', status = '5.1.1') {
  return raw(
    [
      'From: Mail Delivery System <MAILER-DAEMON@mx.example.com>',
      'To: support@shop.test',
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <bounce1@mx.example.com>',
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
    ],
    [
      '--B',
      'Content-Type: text/plain',
      '',
      'I could not deliver your message.',
      '--B',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.com',
      '',
      'Final-Recipient: rfc822; gone@example.com',
      `Action: ${action}`,
      `Status: ${status}`,
      'Diagnostic-Code: smtp; 550 5.1.1 <gone@example.com>: Recipient address',
      '    rejected: User unknown',
      '--B',
      'Content-Type: text/rfc822-headers',
      '',
      'From: Alex via Shop <support@shop.test>',
      'To: gone@example.com',
      'Subject: Re: Your order',
      'Message-ID: <rapport.r1@shop.test>',
      '--B--',
      '',
    ].join('\r\n'),
  );
}

describe('auto-replies and bounces are not customers', () => {
  it('reads a delivery-status bounce: which reply, which recipient, why', async () => {
    const parsed = await parseEmail(dsn('failed'), options);
    expect(parsed).toMatchObject({ kind: 'bounce', failed: true, recipients: ['gone@example.com'] });
    if (parsed.kind !== 'bounce') return;
    expect(parsed.originalIds[0]).toBe('rapport.r1@shop.test');
    expect(parsed.reason).toContain('550 5.1.1');
    expect(parsed.reason).toContain('User unknown');
  });

  it('tells a "still trying" notice from a failure', async () => {
    const parsed = await parseEmail(dsn('delayed', '4.4.1'), options);
    expect(parsed).toMatchObject({ kind: 'bounce', failed: false });
  });

  it('recognises an old-style bounce from MAILER-DAEMON with the original quoted in the text', async () => {
    const parsed = await classify(
      ['From: MAILER-DAEMON@mail.example.net', 'To: support@shop.test', 'Subject: failure notice'],
      'Hi. This is the qmail-send program.\r\n<gone@example.net>:\r\n550 5.1.1 mailbox unavailable\r\n\r\n--- Below this line is a copy of the message.\r\n\r\nMessage-ID: <rapport.r9@shop.test>\r\nSubject: Re: hi\r\n',
      '',
    );
    expect(parsed).toMatchObject({ kind: 'bounce', failed: true, originalIds: ['rapport.r9@shop.test'] });
  });

  it('recognises X-Failed-Recipients bounces', async () => {
    expect((await classify([...customer, 'X-Failed-Recipients: gone@example.com'])).kind).toBe('bounce');
  });

  it.each([
    ['Auto-Submitted: auto-replied'],
    ['Auto-Submitted: auto-generated'],
    ['X-Autoreply: yes'],
    ['X-Autorespond: vacation'],
    ['Precedence: bulk'],
    ['Precedence: auto_reply'],
    ['Precedence: junk'],
  ])('an auto-reply by its header (%s)', async (header) => {
    expect(await classify([...customer, header])).toMatchObject({ kind: 'auto_reply' });
  });

  it.each(['Automatic reply: Your order', 'Out of Office: Your order', 'Abwesenheitsnotiz: Ihre Bestellung'])(
    'an auto-reply by its subject (%s)',
    async (subject) => {
      const lines = customer.map((l) => (l.startsWith('Subject') ? `Subject: ${subject}` : l));
      expect((await classify(lines)).kind).toBe('auto_reply');
    },
  );

  it('a read receipt is not a customer message', async () => {
    const lines = [
      ...customer,
      'Content-Type: multipart/report; report-type=disposition-notification; boundary=x',
    ];
    expect(await classify(lines, '--x\r\n\r\nread\r\n--x--')).toMatchObject({
      kind: 'auto_reply',
      reason: 'read receipt',
    });
  });

  it('mail sent with the null sender <> is never a customer', async () => {
    expect((await classify(customer, 'hi', '')).kind).toBe('auto_reply');
    expect((await classify([...customer, 'Return-Path: <>'])).kind).toBe('auto_reply');
  });

  it.each([
    [
      'relayed by a group or list',
      ['Precedence: list', 'List-Id: <support.shop.test>', 'List-Unsubscribe: <mailto:x@y>'],
    ],
    ['with Auto-Submitted: no', ['Auto-Submitted: no']],
    ['a forwarded bounce', ['Subject: Fwd: Undelivered Mail Returned to Sender']],
    ['about an absence', ['Subject: Out of office hours support?']],
  ])('a customer writing %s is still a customer', async (_name, extra) => {
    const lines = [
      ...customer.filter((l) => !extra.some((e) => e.split(':')[0] === l.split(':')[0])),
      ...extra,
    ];
    expect((await classify(lines)).kind).toBe('message');
  });
});
