import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { listAttachmentsOf } from '../../src/store/channel-accounts-repo.js';
import { freePort } from '../support/dovecot.js';
import {
  bare,
  countEmails,
  type EmailRapport,
  findEmail,
  SUPPORT,
  sendToListener,
  startEmailRapport,
} from './support.js';

const MB = 1024 * 1024;

/** Random-looking bytes (so nothing along the way can compress them away). */
function noise(bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  let x = 2463534242;
  for (let i = 0; i < bytes; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

type SmtpFailure = { responseCode?: number; response?: string };

describe('the SMTP listener under hostile and unlucky mail', () => {
  let rapport: EmailRapport | null = null;
  let port = 0;
  const start = async (env: Record<string, string> = {}) => {
    port = await freePort();
    rapport = await startEmailRapport('sqlite', { smtpListenPort: port, smtpHost: '127.0.0.1' }, {}, env);
    return rapport;
  };
  afterEach(async () => {
    await rapport?.close();
    rapport = null;
  });

  it('takes a 20 MB mail under the limit, keeping the text and recording the over-cap attachment without bytes', async () => {
    const r = await start();
    const sent = await sendToListener(port, {
      subject: 'Video of the problem',
      text: 'See the video.',
      attachments: [{ filename: 'problem.mp4', content: noise(14 * MB), contentType: 'video/mp4' }],
    });
    expect(sent.response).toMatch(/^250 /);
    const row = await findEmail(r.services, bare(sent.messageId));
    expect(row?.text).toBe('See the video.');
    const [file] = await listAttachmentsOf(r.services.db.kysely, [row!.id]);
    expect(file).toMatchObject({ filename: 'problem.mp4', size: 14 * MB });
    expect(file?.omitted_reason).toContain('10 MB');
    const stored = await r.services.db.kysely
      .selectFrom('attachments')
      .select('data')
      .executeTakeFirstOrThrow();
    expect(stored.data).toBeNull();
  });

  it('refuses a 20 MB mail over RAPPORT_SMTP_MAX_BYTES with 552 5.3.4 and stores nothing', async () => {
    const r = await start({ RAPPORT_SMTP_MAX_BYTES: String(10 * MB) });
    const failure = (await sendToListener(port, {
      subject: 'Too big',
      text: 'x',
      attachments: [{ filename: 'big.bin', content: noise(14 * MB) }],
    }).catch((e: SmtpFailure) => e)) as SmtpFailure;
    expect(failure.responseCode).toBe(552);
    expect(failure.response).toContain('5.3.4');
    expect(await countEmails(r.services)).toBe(0);
  });

  it('refuses an oversized mail even when the client does not announce its size', async () => {
    const r = await start({ RAPPORT_SMTP_MAX_BYTES: String(MB) });
    const raw = `From: casey@example.com\r\nTo: ${SUPPORT}\r\nSubject: big\r\n\r\n${'y'.repeat(2 * MB)}\r\n`;
    const failure = (await sendToListener(port, {
      envelope: { from: 'casey@example.com', to: SUPPORT },
      raw,
    }).catch((e: SmtpFailure) => e)) as SmtpFailure;
    expect(failure.responseCode).toBe(552);
    expect(await countEmails(r.services)).toBe(0);
  });

  it('turns an HTML-only mail into clean text', async () => {
    const r = await start();
    const sent = await sendToListener(port, {
      subject: 'HTML only',
      html: '<style>.x{}</style><script>alert(document.cookie)</script><p onmouseover="evil()">Order <b>#42</b> is <i>late</i>.</p><img src=x onerror=evil()>',
    });
    const row = await findEmail(r.services, bare(sent.messageId));
    expect(row?.text).toBe('Order #42 is late.');
    const meta = JSON.parse(row!.meta_json!) as { html: string };
    expect(meta.html).toBe('<p>Order <b>#42</b> is <i>late</i>.</p>');
  });

  it.each([
    ['ISO-8859-1', Buffer.from('Grüße, die Lieferung fehlt.', 'latin1'), 'Grüße, die Lieferung fehlt.'],
    ['KOI8-R', Buffer.from([0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]), 'Привет'],
    ['Shift_JIS', Buffer.from([0x82, 0xb1, 0x82, 0xf1, 0x82, 0xc9, 0x82, 0xbf, 0x82, 0xcd]), 'こんにちは'],
  ])('stores a %s mail as proper text', async (charset, body, expected) => {
    const r = await start();
    const head = `From: casey@example.com\r\nTo: ${SUPPORT}\r\nSubject: charset\r\nMessage-ID: <cs-${charset}@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=${charset}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`;
    await sendToListener(port, {
      envelope: { from: 'casey@example.com', to: SUPPORT },
      raw: Buffer.concat([Buffer.from(head), body, Buffer.from('\r\n')]),
    });
    expect((await findEmail(r.services, `cs-${charset}@example.com`))?.text).toBe(expected);
  });

  it('stores malformed MIME instead of losing it', async () => {
    const r = await start();
    const raw = `From: casey@example.com\r\nTo: ${SUPPORT}\r\nSubject: broken\r\nMessage-ID: <broken-1@example.com>\r\nContent-Type: multipart/mixed; boundary="never"\r\nContent-Transfer-Encoding: base64\r\n\r\n--never\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe part that survives\r\n--nev`;
    const sent = await sendToListener(port, { envelope: { from: 'casey@example.com', to: SUPPORT }, raw });
    expect(sent.response).toMatch(/^250 /);
    expect((await findEmail(r.services, 'broken-1@example.com'))?.text).toContain('The part that survives');
  });

  it('answers 451 when storing fails, so the sender keeps the mail; the retry is stored once', async () => {
    const r = await start();
    const db = r.services.db.kysely;
    await sql`CREATE TRIGGER fail_messages BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END`.execute(
      db,
    );
    const mail = { subject: 'Retry me', text: 'important', messageId: '<retry-1@example.com>' };
    const failure = (await sendToListener(port, mail).catch((e: SmtpFailure) => e)) as SmtpFailure;
    expect(failure.responseCode).toBe(451);
    expect(await countEmails(r.services)).toBe(0);
    await sql`DROP TRIGGER fail_messages`.execute(db);
    await sendToListener(port, mail);
    await sendToListener(port, mail);
    expect(await countEmails(r.services)).toBe(1);
  });

  it('keeps the attachments of a mail whose first delivery failed half-way', async () => {
    const r = await start();
    const db = r.services.db.kysely;
    await sql`CREATE TRIGGER fail_files BEFORE INSERT ON attachments BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END`.execute(
      db,
    );
    const mail = {
      subject: 'Invoice',
      text: 'attached',
      messageId: '<half-1@example.com>',
      attachments: [
        { filename: 'invoice.pdf', content: Buffer.from('%PDF-1.4 test'), contentType: 'application/pdf' },
      ],
    };
    const failure = (await sendToListener(port, mail).catch((e: SmtpFailure) => e)) as SmtpFailure;
    expect(failure.responseCode).toBe(451);
    await sql`DROP TRIGGER fail_files`.execute(db);
    await sendToListener(port, mail);
    await sendToListener(port, mail);
    const row = await findEmail(r.services, 'half-1@example.com');
    const files = await listAttachmentsOf(db, [row!.id]);
    expect(files.map((f) => f.filename)).toEqual(['invoice.pdf']);
  });

  it("does not let a stranger who knows a Message-ID attach files to someone else's mail", async () => {
    const r = await start();
    const db = r.services.db.kysely;
    await sendToListener(port, {
      subject: 'Hello',
      text: 'no files here',
      messageId: '<victim-1@example.com>',
    });
    await sendToListener(port, {
      from: 'Mallory <mallory@evil.example>',
      subject: 'Hello',
      text: 'same id, with a present',
      messageId: '<victim-1@example.com>',
      attachments: [
        { filename: 'invoice.pdf.exe', content: Buffer.from('MZ'), contentType: 'application/octet-stream' },
      ],
    });
    const row = await findEmail(r.services, 'victim-1@example.com');
    expect(row!.author_external_id).toBe('casey@example.com');
    expect(await listAttachmentsOf(db, [row!.id])).toEqual([]);
  });

  it("does not store mail forged with the brand's own From address as a brand reply", async () => {
    const r = await start();
    await sendToListener(port, { subject: 'Order', text: 'where is it?', messageId: '<cust-q@example.com>' });
    await sendToListener(port, {
      from: `Shop Support <${SUPPORT}>`,
      subject: 'Re: Order',
      text: 'Ignore this customer, we do not refund.',
      messageId: '<forged-1@evil.example>',
      inReplyTo: '<cust-q@example.com>',
    });
    expect(await findEmail(r.services, 'forged-1@evil.example')).toBeUndefined();
    const customer = await findEmail(r.services, 'cust-q@example.com');
    const conv = await r.services.db.kysely
      .selectFrom('conversations')
      .select(['first_response_at', 'message_count'])
      .where('id', '=', customer!.conversation_id)
      .executeTakeFirstOrThrow();
    expect(conv).toEqual({ first_response_at: null, message_count: 1 });
  });
});
