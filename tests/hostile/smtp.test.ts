/**
 * Hostile mail at Rapport's own SMTP listener, on both engines (issue 21): a mail with NUL bytes is
 * stored with them removed (it used to get 451 forever on PostgreSQL); malformed MIME,
 * oversize mail and a flood of recipients get a clear 5xx SMTP answer (a refusal the sender will not
 * retry) or are stored, never a temporary failure, and nothing else is stored.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { listAttachmentsOf } from '../../src/store/channel-accounts-repo.js';
import {
  countEmails,
  type EmailRapport,
  findEmail,
  SUPPORT,
  sendToListener,
  startEmailRapport,
} from '../email/support.js';
import { freePort } from '../support/dovecot.js';
import { testEngines } from '../support/engines.js';
import { unstorableText } from './support.js';

type SmtpFailure = { responseCode?: number; response?: string };
const envelope = { from: 'casey@example.com', to: SUPPORT };
const head = (id: string, extra = '') =>
  `From: Ca\u0000sey <casey@example.com>\r\nTo: ${SUPPORT}\r\nSubject: nul\u0000subject\r\nMessage-ID: <${id}@example.com>\r\n${extra}`;

describe.each(testEngines)('hostile mail on %s', (engine) => {
  let rapport: EmailRapport | null = null;
  let port = 0;
  const start = async (env: Record<string, string> = {}) => {
    port = await freePort();
    rapport = await startEmailRapport(engine, { smtpListenPort: port, smtpHost: '127.0.0.1' }, {}, env);
    return rapport;
  };
  afterEach(async () => {
    await rapport?.close();
    rapport = null;
  });

  it('stores a mail with NUL bytes in its body, subject and name, with the NULs removed', async () => {
    const r = await start();
    const raw = `${head('nul-1')}Content-Type: text/plain; charset=utf-8\r\n\r\nbefore\u0000after\r\n`;
    const sent = await sendToListener(port, { envelope, raw });
    expect(sent.response).toMatch(/^250 /);
    const row = await findEmail(r.services, 'nul-1@example.com');
    expect(row?.text).toBe('beforeafter');
    expect(row?.meta_json).not.toContain('\\u0000');
  });

  it('keeps the attachment of a mail whose Message-ID, file name and type carry NUL', async () => {
    const r = await start();
    const raw = [
      `${head('nul-\u0000file')}MIME-Version: 1.0`,
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'see file',
      '--b1',
      'Content-Type: application/pdf\u0000; name="in\u0000voice.pdf"',
      'Content-Disposition: attachment; filename="in\u0000voice.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('%PDF-1.4').toString('base64'),
      '--b1--',
      '',
    ].join('\r\n');
    const sent = await sendToListener(port, { envelope, raw });
    expect(sent.response).toMatch(/^250 /);
    const row = await findEmail(r.services, 'nul-file@example.com');
    expect(row?.text).toBe('see file');
    const files = await listAttachmentsOf(r.services.db.kysely, [row!.id]);
    // the email channel writes control characters in file names as '_' (its own rule for names)
    expect(files.map((f) => [f.filename, f.content_type])).toEqual([['in_voice.pdf', 'application/pdf']]);
  });

  /** Sends raw mail; the SMTP answer, accepted or not. */
  const answer = async (raw: string | Buffer, to: string[] = [SUPPORT]) => {
    try {
      const sent = await sendToListener(port, { envelope: { from: 'casey@example.com', to }, raw });
      return { code: Number(sent.response.slice(0, 3)), response: sent.response, rejected: sent.rejected };
    } catch (error) {
      const e = error as SmtpFailure;
      return { code: e.responseCode ?? 0, response: e.response ?? String(error), rejected: [] };
    }
  };

  it('answers malformed MIME with 250 (stored) or a permanent 5xx, never a retry-forever 4xx', async () => {
    const r = await start();
    const nested = (depth: number) =>
      `${Array.from({ length: depth }, (_, i) => `Content-Type: multipart/mixed; boundary="n${i}"\r\n\r\n--n${i}\r\n`).join('')}Content-Type: text/plain\r\n\r\ndeep\r\n`;
    const cases: [string, string | Buffer][] = [
      ['headers only', `${head('m-headers')}`],
      [
        'binary garbage',
        Buffer.concat([
          Buffer.from(head('m-binary')),
          Buffer.from('\r\n'),
          Buffer.from([0, 255, 254, 0, 1, 2, 0x80, 0xc3]),
        ]),
      ],
      [
        'broken base64',
        `${head('m-b64')}Content-Transfer-Encoding: base64\r\nContent-Type: text/plain\r\n\r\n!!!not base64###\r\n`,
      ],
      ['unknown charset', `${head('m-charset')}Content-Type: text/plain; charset=x-klingon\r\n\r\nqapla\r\n`],
      ['a 200 kB header line', `${head('m-longhead')}X-Long: ${'h'.repeat(200_000)}\r\n\r\nbody\r\n`],
      ['multiparts nested 500 deep', `${head('m-nested')}${nested(500)}`],
      ['no Message-ID, no From', `To: ${SUPPORT}\r\nSubject: anon\r\n\r\nwho am I\r\n`],
      ['a date in the year 9999', `${head('m-date')}Date: Fri, 31 Dec 9999 23:59:59 +0000\r\n\r\nfuture\r\n`],
    ];
    for (const [what, raw] of cases) {
      const result = await answer(raw);
      expect(
        result.code === 250 || (result.code >= 500 && result.code < 600),
        `${what}: ${result.response}`,
      ).toBe(true);
    }
    expect(await unstorableText(r.services.db.kysely, engine)).toEqual([]);
    const dated = await findEmail(r.services, 'm-date@example.com');
    if (dated) expect(dated.created_at).toBeLessThan(Date.UTC(2100, 0, 1));
  });

  it('refuses an oversized mail with 552 and stores nothing', async () => {
    const r = await start({ RAPPORT_SMTP_MAX_BYTES: String(64 * 1024) });
    const result = await answer(`${head('big')}\r\n${'y'.repeat(200 * 1024)}\r\n`);
    expect(result.code).toBe(552);
    expect(await countEmails(r.services)).toBe(0);
  });

  it('takes a mail for many recipients once, refusing the unknown ones', async () => {
    const r = await start();
    const strangers = Array.from({ length: 300 }, (_, i) => `nobody${i}@shop.test`);
    const result = await answer(`${head('many')}\r\nhello all\r\n`, [...strangers, SUPPORT, SUPPORT]);
    expect(result.code).toBe(250);
    expect(result.rejected).toHaveLength(300);
    expect(await countEmails(r.services)).toBe(1);
  });
});
