/**
 * Hostile mail at Rapport's own SMTP listener, on both engines (issue 21): a mail with NUL bytes is
 * stored with them removed (it used to get 451 forever on PostgreSQL); malformed MIME,
 * oversize mail and a flood of recipients get a clear 5xx SMTP answer (a refusal the sender will not
 * retry) or are stored, never a temporary failure, and nothing else is stored.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { listAttachmentsOf } from '../../src/store/channel-accounts-repo.js';
import {
  bare,
  countEmails,
  type EmailRapport,
  findEmail,
  SUPPORT,
  sendToListener,
  startEmailRapport,
} from '../email/support.js';
import { freePort } from '../support/dovecot.js';
import { testEngines } from '../support/engines.js';

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
});
