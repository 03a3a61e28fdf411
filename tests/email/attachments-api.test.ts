import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverInboundMail } from '../../src/channels/email/deliver.js';
import { emailConfigOf } from '../../src/channels/email/settings.js';
import { addChannelAccount, loadChannelAccount } from '../../src/commands/channel-accounts.js';
import { createChannelContext } from '../../src/runtime/channel-host.js';
import { systemActor } from '../../src/store/events-repo.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testEngines } from '../support/engines.js';

/** A customer mail carrying an HTML page with a script, a picture, a PDF with a non-ASCII name and a too-big file. */
function mailWithFiles(): Buffer {
  const part = (headers: string[], content: Buffer) => [
    '--F',
    ...headers,
    'Content-Transfer-Encoding: base64',
    '',
    content.toString('base64'),
  ];
  return Buffer.from(
    [
      'From: Casey <casey@example.com>',
      'To: support@shop.test',
      'Subject: Files',
      'Message-ID: <files-1@example.com>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="F"',
      '',
      '--F',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Files attached.',
      ...part(
        [
          'Content-Type: text/html; name="page.html"',
          'Content-Disposition: attachment; filename="page.html"',
        ],
        Buffer.from('<script>fetch("/api/v1/users")</script>'),
      ),
      ...part(
        ['Content-Type: image/png', 'Content-Disposition: attachment; filename="photo.png"'],
        Buffer.from('PNGDATA'),
      ),
      ...part(
        [
          'Content-Type: application/pdf',
          "Content-Disposition: attachment; filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf",
        ],
        Buffer.from('%PDF-1.4'),
      ),
      ...part(
        ['Content-Type: application/zip', 'Content-Disposition: attachment; filename="huge.zip"'],
        Buffer.alloc(3000, 7),
      ),
      '--F--',
      '',
    ].join('\r\n'),
  );
}

describe.each(testEngines)('email attachments in the API on %s', (engine) => {
  let t: TestApp;
  let conversationId = 0;
  beforeAll(async () => {
    t = await createTestApp(engine, { RAPPORT_ATTACHMENT_MAX_BYTES: '2048' });
    const view = await addChannelAccount(t.services, systemActor, {
      type: 'email',
      name: 'Support',
      settings: { address: 'support@shop.test', smtpHost: '127.0.0.1' },
      verify: false,
    });
    const account = await loadChannelAccount(t.services, view.id);
    const ctx = createChannelContext(t.services, account, new AbortController().signal);
    const outcome = await deliverInboundMail(mailWithFiles(), ctx, emailConfigOf(account).settings);
    expect(outcome).toMatchObject({ status: 'stored', externalId: 'files-1@example.com' });
    const row = await t.services.db.kysely
      .selectFrom('messages')
      .select('conversation_id')
      .where('external_id', '=', 'files-1@example.com')
      .executeTakeFirstOrThrow();
    conversationId = row.conversation_id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const files = async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/conversations/${conversationId}`,
      headers: t.bearer(t.viewerToken),
    });
    expect(res.statusCode).toBe(200);
    return (
      res.json() as {
        messages: {
          attachments: { filename: string; url: string | null; omittedReason: string | null; size: number }[];
        }[];
      }
    ).messages[0]!.attachments;
  };

  it('lists the files on the conversation’s message, with download links for the kept ones', async () => {
    const list = await files();
    expect(list.map((f) => [f.filename, f.url !== null])).toEqual([
      ['page.html', true],
      ['photo.png', true],
      ['Rechnung März.pdf', true],
      ['huge.zip', false],
    ]);
    expect(list[3]).toMatchObject({ size: 3000, url: null });
    expect(list[3]?.omittedReason).toContain('2 kB');
  });

  it('serves a file as a download, never as a page', async () => {
    const [html, png, pdf] = await files();
    const page = await t.app.inject({ method: 'GET', url: html!.url!, headers: t.bearer(t.viewerToken) });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('application/octet-stream');
    expect(page.headers['content-disposition']).toBe(
      `attachment; filename="page.html"; filename*=UTF-8''page.html`,
    );
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['content-security-policy']).toContain('sandbox');
    expect(page.body).toBe('<script>fetch("/api/v1/users")</script>');

    const image = await t.app.inject({ method: 'GET', url: png!.url!, headers: t.bearer(t.viewerToken) });
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.toString()).toBe('PNGDATA');

    const invoice = await t.app.inject({ method: 'GET', url: pdf!.url!, headers: t.bearer(t.viewerToken) });
    expect(invoice.headers['content-disposition']).toBe(
      `attachment; filename="Rechnung M_rz.pdf"; filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf`,
    );
  });

  it('says why a file that was not kept cannot be downloaded, and needs a signed-in user', async () => {
    const ids = await t.services.db.kysely.selectFrom('attachments').select(['id', 'filename']).execute();
    const huge = ids.find((f) => f.filename === 'huge.zip')!;
    const missing = await t.app.inject({
      method: 'GET',
      url: `/api/v1/attachments/${huge.id}`,
      headers: t.bearer(t.viewerToken),
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toContain("'huge.zip' was not kept");
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/attachments/${ids[0]!.id}` });
    expect(anonymous.statusCode).toBe(401);
    const none = await t.app.inject({
      method: 'GET',
      url: '/api/v1/attachments/999999',
      headers: t.bearer(t.viewerToken),
    });
    expect(none.statusCode).toBe(404);
  });
});
