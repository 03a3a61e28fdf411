import { describe, expect, it } from 'vitest';
import { validateMessage } from '../../domain/message-format.js';
import { type ParsedEmail, parseEmail } from './parse.js';

const RECEIVED = Date.UTC(2026, 10, 2, 12);
const options = { mailbox: 'support@shop.test', attachmentMaxBytes: 1024, receivedAt: RECEIVED };

/** A raw mail from header lines and a body (a Buffer keeps non-UTF-8 bytes as they are). */
function mail(headers: string[], body: string | Buffer = 'Hello'): Buffer {
  const head = Buffer.from(`${headers.join('\r\n')}\r\n\r\n`, 'latin1');
  return Buffer.concat([head, typeof body === 'string' ? Buffer.from(body, 'utf8') : body]);
}

const base = [
  'From: "Casey Customer" <Casey@Example.COM>',
  'To: Support <support@shop.test>',
  'Subject: Where is my order?',
  'Date: Mon, 02 Nov 2026 10:00:00 +0000',
  'Message-ID: <CAF00Mixed.Case@mail.example.com>',
];

async function message(raw: Buffer, opts = options) {
  const parsed = await parseEmail(raw, opts);
  if (parsed.kind !== 'message') throw new Error(`expected a message, got ${parsed.kind}`);
  const valid = validateMessage(parsed.message);
  expect(valid.ok, JSON.stringify(valid)).toBe(true);
  return parsed;
}

function kind(parsed: ParsedEmail) {
  return parsed.kind;
}

describe('parseEmail: the core format', () => {
  it('maps sender, Message-ID, text, date, subject and threading headers', async () => {
    const { message: m } = await message(
      mail(
        [
          ...base,
          'In-Reply-To: <rapport.abc@shop.test>',
          'References: <root@mail.example.com> <rapport.abc@shop.test>',
          'Reply-To: casey.private@example.com',
          'Cc: friend@example.com',
        ],
        'My order #42 has not arrived.\r\n',
      ),
    );
    expect(m).toMatchObject({
      channel: 'email',
      external_id: 'CAF00Mixed.Case@mail.example.com',
      direction: 'inbound',
      author: { id: 'casey@example.com', handle: 'casey@example.com', name: 'Casey Customer' },
      text: 'My order #42 has not arrived.',
      created_at: '2026-11-02T10:00:00.000Z',
      in_reply_to: 'rapport.abc@shop.test',
    });
    expect(m.thread_id).toMatch(/^email-subject:[0-9a-f]{32}$/);
    expect(m.meta).toMatchObject({
      subject: 'Where is my order?',
      messageId: 'CAF00Mixed.Case@mail.example.com',
      references: ['root@mail.example.com', 'rapport.abc@shop.test'],
      replyTo: 'casey.private@example.com',
      to: ['support@shop.test'],
      cc: ['friend@example.com'],
    });
  });

  it('replies to the last reference when In-Reply-To is missing', async () => {
    const { message: m } = await message(mail([...base, 'References: <a@x.test> <b@x.test>']));
    expect(m.in_reply_to).toBe('b@x.test');
  });

  it('gives the same subject+sender thread key to "Re:"/"AW:"/"SV:" answers of the same sender', async () => {
    const first = await message(mail(base));
    const again = await message(
      mail(
        base
          .map((h) => (h.startsWith('Subject') ? 'Subject: AW: RE: Sv: Where is   my ORDER?' : h))
          .slice(0, -1),
      ),
    );
    const other = await message(mail(base.map((h) => h.replace('Casey@Example.COM', 'someone@else.test'))));
    expect(again.message.thread_id).toBe(first.message.thread_id);
    expect(other.message.thread_id).not.toBe(first.message.thread_id);
  });

  it('makes up a stable id from the bytes when there is no Message-ID', async () => {
    const raw = mail(base.slice(0, 4));
    const a = await message(raw);
    const b = await message(Buffer.from(raw));
    expect(a.message.external_id).toMatch(/@no-message-id\.rapport\.invalid$/);
    expect(b.message.external_id).toBe(a.message.external_id);
  });

  it('treats mail from the mailbox itself as the brand writing (outbound)', async () => {
    const { message: m } = await message(
      mail(base.map((h) => (h.startsWith('From') ? 'From: Agent <Support@Shop.test>' : h))),
    );
    expect(m.direction).toBe('outbound');
  });

  it('does not trust a Date far in the future', async () => {
    const { message: m } = await message(
      mail(base.map((h) => (h.startsWith('Date') ? 'Date: Fri, 01 Jan 2100 00:00:00 +0000' : h))),
    );
    expect(m.created_at).toBe(new Date(RECEIVED).toISOString());
  });

  it('cuts very long text and keeps meta small', async () => {
    const many = Array.from({ length: 500 }, (_, i) => `person${i}@example.com`).join(', ');
    const { message: m } = await message(mail([...base, `Cc: ${many}`], 'x'.repeat(300_000)));
    expect(m.text.length).toBeLessThanOrEqual(100_000);
    expect(m.text).toContain('cut');
    expect(m.meta?.cc).toHaveLength(20);
  });
});

describe('parseEmail: HTML and charsets', () => {
  it('derives clean text from an HTML-only mail and keeps sanitised HTML', async () => {
    const html =
      '<html><head><style>p{color:red}</style><script>steal()</script></head><body>' +
      '<p onclick="steal()">Hello <b>team</b>,</p><p>see <a href="https://shop.test/o/42">my order</a>' +
      ' and <a href="javascript:steal()">this</a></p><img src="https://tracker.test/p.gif" onerror="steal()">' +
      '<iframe src="https://evil.test"></iframe><form action="https://evil.test"><input name="x"></form></body></html>';
    const { message: m } = await message(
      mail([...base, 'MIME-Version: 1.0', 'Content-Type: text/html; charset=utf-8'], html),
    );
    expect(m.text).toContain('Hello team,');
    expect(m.text).toContain('my order (https://shop.test/o/42)');
    expect(m.text).not.toMatch(/steal|color:red|tracker|javascript/);
    const safe = String(m.meta?.html);
    expect(safe).toContain('<b>team</b>');
    expect(safe).toContain('href="https://shop.test/o/42"');
    expect(safe).not.toMatch(/<script|onclick|onerror|javascript:|<iframe|<form|<input|<style|tracker/i);
  });

  it('keeps the text part when there is one, next to the HTML', async () => {
    const body = [
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Plain version',
      '--b1',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>HTML version</p>',
      '--b1--',
      '',
    ].join('\r\n');
    const { message: m } = await message(
      mail([...base, 'MIME-Version: 1.0', 'Content-Type: multipart/alternative; boundary="b1"'], body),
    );
    expect(m.text).toBe('Plain version');
    expect(m.meta?.html).toBe('<p>HTML version</p>');
  });

  it.each([
    ['ISO-8859-1', Buffer.from('Grüße aus Köln', 'latin1'), 'Grüße aus Köln'],
    ['Windows-1252', Buffer.from([0x93, 0x31, 0x30, 0x20, 0x80, 0x94]), '“10 €”'],
    ['KOI8-R', Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]), 'Привет'],
    ['Shift_JIS', Buffer.from([0x82, 0xb1, 0x82, 0xf1, 0x82, 0xc9, 0x82, 0xbf, 0x82, 0xcd]), 'こんにちは'],
  ])('decodes a %s body and encoded-word headers', async (charset, bytes, expected) => {
    const { message: m } = await message(
      mail(
        [
          'From: =?ISO-8859-1?Q?J=F6rg_M=FCller?= <joerg@example.com>',
          'To: support@shop.test',
          'Subject: =?KOI8-R?B?8NLJ18XU?=',
          'Message-ID: <cs@example.com>',
          'MIME-Version: 1.0',
          `Content-Type: text/plain; charset=${charset}`,
          'Content-Transfer-Encoding: 8bit',
        ],
        bytes,
      ),
    );
    expect(m.text).toBe(expected);
    expect(m.author.name).toBe('Jörg Müller');
    expect(m.meta?.subject).toBe('Привет');
  });
});

describe('parseEmail: attachments', () => {
  const withFiles = (parts: string[]) =>
    mail(
      [...base, 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="mix"'],
      ['--mix', 'Content-Type: text/plain', '', 'See attached', ...parts, '--mix--', ''].join('\r\n'),
    );
  const part = (headers: string[], base64: string) => [
    '--mix',
    ...headers,
    'Content-Transfer-Encoding: base64',
    '',
    base64,
  ];

  it('keeps small files, records big ones without their bytes, and names nameless ones', async () => {
    const small = Buffer.from('receipt-bytes').toString('base64');
    const big = Buffer.alloc(4096, 1).toString('base64');
    const parsed = await message(
      withFiles([
        ...part(
          [
            'Content-Type: application/pdf; name="../../etc/receipt.pdf"',
            'Content-Disposition: attachment; filename="../../etc/receipt.pdf"',
          ],
          small,
        ),
        ...part(['Content-Type: image/png', 'Content-Disposition: attachment; filename="photo.png"'], big),
        ...part(['Content-Type: image/png', 'Content-Disposition: inline'], small),
      ]),
    );
    const [pdf, photo, inline] = parsed.attachments;
    expect(pdf).toMatchObject({ contentType: 'application/pdf', size: 13 });
    expect(pdf?.omittedReason ?? null).toBeNull();
    expect(pdf?.filename).not.toContain('/');
    expect(pdf?.data?.toString()).toBe('receipt-bytes');
    expect(photo).toMatchObject({ filename: 'photo.png', size: 4096, data: null });
    expect(photo?.omittedReason).toContain('1 kB');
    expect(inline?.filename).toBe('attachment-3.png');
    expect(parsed.message.text).toBe('See attached');
  });
});

describe('parseEmail: malformed mail never throws', () => {
  it.each([
    [
      'an unterminated multipart',
      mail(
        [...base, 'Content-Type: multipart/mixed; boundary="x"'],
        '--x\r\nContent-Type: text/plain\r\n\r\nhalf a mail',
      ),
    ],
    ['a multipart without boundary', mail([...base, 'Content-Type: multipart/mixed'], 'body without parts')],
    ['headers only', Buffer.from(base.join('\r\n'))],
    ['binary junk', Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256))],
    [
      'broken base64 and charset',
      mail(
        [...base, 'Content-Type: text/plain; charset=no-such-charset', 'Content-Transfer-Encoding: base64'],
        '@@@!!!***',
      ),
    ],
    ['an empty mail', Buffer.alloc(0)],
  ])('%s becomes a valid message', async (_name, raw) => {
    const parsed = await parseEmail(raw, options);
    expect(kind(parsed)).toBe('message');
    if (parsed.kind === 'message') expect(validateMessage(parsed.message).ok).toBe(true);
  });
});
