import { describe, expect, it } from 'vitest';
import { parseEmail } from './parse.js';
import { stripQuotedReply } from './quotes.js';

const cut = (text: string) => stripQuotedReply(text).text;

describe('stripQuotedReply', () => {
  it('cuts a Gmail-style attribution and the quoted lines after it', () => {
    expect(
      cut(
        'Thanks, that works!\n\nOn Mon, 2 Nov 2026 at 10:00, Alex via Shop <support@shop.test> wrote:\n> Try restarting it.\n> Alex',
      ),
    ).toBe('Thanks, that works!');
  });

  it('cuts an attribution folded over two lines', () => {
    expect(
      cut(
        'Still broken.\n\nOn Mon, Nov 2, 2026 at 10:00 AM Alex via Shop <\nsupport@shop.test> wrote:\n\n> Try restarting it.',
      ),
    ).toBe('Still broken.');
  });

  it('cuts German, French and Spanish attributions', () => {
    expect(cut('Danke!\n\nAm 02.11.2026 um 10:00 schrieb Alex <support@shop.test>:\n> Hallo')).toBe('Danke!');
    expect(cut('Merci\n\nLe lun. 2 nov. 2026 à 10:00, Alex <support@shop.test> a écrit :\n> Bonjour')).toBe(
      'Merci',
    );
    expect(
      cut('Gracias\n\nEl lun, 2 nov 2026 a las 10:00, Alex (<support@shop.test>) escribió:\n> Hola'),
    ).toBe('Gracias');
  });

  it('cuts an Outlook original-message block', () => {
    const text =
      'Yes please refund.\r\n\r\n-----Original Message-----\r\nFrom: Alex <support@shop.test>\r\nSent: Monday, November 2, 2026 10:00\r\nSubject: Refund\r\n\r\nShall we refund?';
    expect(cut(text)).toBe('Yes please refund.');
    const underscore = `Ok.\n\n${'_'.repeat(32)}\nFrom: Alex <support@shop.test>\nSent: Monday\nTo: Casey\n\nOld text`;
    expect(cut(underscore)).toBe('Ok.');
  });

  it('cuts a trailing run of quoted lines but keeps inline answers', () => {
    expect(cut('> Which colour?\nBlue.\n> And the size?\nLarge.\n\n> Regards\n> Alex')).toBe(
      '> Which colour?\nBlue.\n> And the size?\nLarge.',
    );
  });

  it('leaves text alone when nothing would remain or no boundary is recognised', () => {
    expect(cut('> only a quote\n> nothing else')).toBe('> only a quote\n> nothing else');
    expect(cut('On second thought, I wrote: the order is fine.')).toBe(
      'On second thought, I wrote: the order is fine.',
    );
    expect(stripQuotedReply('Plain mail\nwith two lines').trimmed).toBe(0);
  });

  it('stays linear on a mail of tens of thousands of lines (it runs on the server thread)', () => {
    // 100,000 characters (the longest text kept) as 50,000 one-letter lines, then a quoted tail
    const text = `${Array.from({ length: 50_000 }, () => 'a').join('\n')}\n\nOn Mon, Alex wrote:\n> hi`;
    const started = performance.now();
    expect(stripQuotedReply(text).trimmed).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('quoted history in parsed mail', () => {
  const mail = (subject: string, extra: string[]) =>
    Buffer.from(
      [
        'From: casey@example.com',
        'To: support@shop.test',
        `Subject: ${subject}`,
        'Message-ID: <q1@example.com>',
        ...extra,
        '',
        'New part.\r\n\r\nOn Mon, 2 Nov 2026, Alex <support@shop.test> wrote:\r\n> Old part.',
      ].join('\r\n'),
    );
  const options = {
    mailbox: 'support@shop.test',
    attachmentMaxBytes: 1000,
    receivedAt: Date.UTC(2026, 10, 2),
  };

  it('is cut from replies, and the cut is recorded', async () => {
    const parsed = await parseEmail(mail('Re: Refund', ['In-Reply-To: <rapport.1@shop.test>']), options);
    if (parsed.kind !== 'message') throw new Error(parsed.kind);
    expect(parsed.message.text).toBe('New part.');
    expect(parsed.message.meta?.quoteTrimmed).toBeGreaterThan(0);
  });

  it('is kept in new mails and in forwards', async () => {
    for (const [subject, extra] of [
      ['Refund', []],
      ['Fwd: Refund', ['In-Reply-To: <rapport.1@shop.test>']],
    ] as const) {
      const parsed = await parseEmail(mail(subject, [...extra]), options);
      if (parsed.kind !== 'message') throw new Error(parsed.kind);
      expect(parsed.message.text).toContain('Old part.');
    }
  });
});
