import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ChannelDefinition } from '../../src/channels/types.js';
import { channelCommand } from '../../src/cli/commands/channel.js';
import { configFrom } from '../../src/platform/config.js';
import { ChannelError } from '../../src/platform/errors.js';
import { openServices } from '../../src/runtime/services.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { runCommand } from '../support/cli.js';
import { testEngines } from '../support/engines.js';
import { registerTestChannel } from '../support/test-channel.js';

/**
 * A channel type used only here, so the account routes and commands are tested apart from any
 * real connector: its verify accepts the password "open-sesame" and refuses anything else.
 */
const lockChannel: ChannelDefinition = {
  type: 'locktest',
  description: 'test channel with a password',
  capabilities: { publicReply: true, privateMessage: true, maxLength: 500, attachments: false },
  settingsSchema: z.object({
    server: z.string().url(),
    keywords: z.array(z.string()).default([]),
    pollSeconds: z.number().int().min(5).default(60),
  }),
  secretsSchema: z.object({ password: z.string().min(1) }),
  async verify(account) {
    if (account.secrets.password !== 'open-sesame') throw new ChannelError('login refused: wrong password');
  },
  createSender: () => ({ send: async (m) => ({ externalId: m.localId }) }),
};

registerTestChannel(lockChannel);

describe.each(testEngines)('channel accounts API on %s', (engine) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });
  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = t.admin.headers,
  ) =>
    t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

  it('adds an account after checking it can connect, never returns or stores its secret in clear', async () => {
    t = await createTestApp(engine);
    const good = {
      type: 'locktest',
      name: 'Main',
      settings: { server: 'https://x.example', keywords: ['acme'] },
      secrets: { password: 'open-sesame' },
    };
    const refused = await call('POST', '/api/v1/channels', { ...good, secrets: { password: 'nope' } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'channel_invalid',
      message: 'login refused: wrong password',
    });

    const invalid = await call('POST', '/api/v1/channels', { ...good, settings: { server: 'not a url' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.message).toMatch(/locktest settings: server/);
    const unknown = await call('POST', '/api/v1/channels', { ...good, type: 'myspace' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toMatch(/unknown channel type 'myspace'/);
    const asAgent = await call('POST', '/api/v1/channels', good, t.bearer(t.agentToken));
    expect(asAgent.statusCode).toBe(403);
    expect((await call('GET', '/api/v1/channels')).json().items).toEqual([]);

    const added = await call('POST', '/api/v1/channels', good);
    expect(added.statusCode).toBe(201);
    const account = added.json().account;
    expect(account).toMatchObject({
      channel: 'locktest',
      name: 'Main',
      settings: { server: 'https://x.example', keywords: ['acme'], pollSeconds: 60 },
      status: 'active',
      hasSecrets: true,
    });
    expect(added.body).not.toContain('open-sesame');
    const row = await t.services.db.kysely
      .selectFrom('channel_accounts')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(row.secrets_enc).not.toContain('open-sesame');
    expect(t.services.secrets.open(row.secrets_enc!)).toEqual({ password: 'open-sesame' });

    expect((await call('POST', '/api/v1/channels', good)).statusCode).toBe(409);
    const listed = await call('GET', '/api/v1/channels', undefined, t.bearer(t.viewerToken));
    expect(listed.json().items).toHaveLength(1);
    expect(listed.body).not.toContain('open-sesame');

    const types = (await call('GET', '/api/v1/channel-types')).json().items;
    expect(types.find((x: { type: string }) => x.type === 'locktest').fields).toEqual([
      { name: 'server', kind: 'string', secret: false, required: true, options: null, description: null },
      { name: 'keywords', kind: 'array', secret: false, required: false, options: null, description: null },
      {
        name: 'pollSeconds',
        kind: 'number',
        secret: false,
        required: false,
        options: null,
        description: null,
      },
      { name: 'password', kind: 'string', secret: true, required: true, options: null, description: null },
    ]);
  });

  it('pauses, resumes, updates a secret (re-verified) and removes, logging each', async () => {
    t = await createTestApp(engine);
    const { account } = (
      await call('POST', '/api/v1/channels', {
        type: 'locktest',
        name: 'Main',
        settings: { server: 'https://x.example' },
        secrets: { password: 'open-sesame' },
      })
    ).json();
    const url = `/api/v1/channels/${account.id}`;
    expect((await call('PATCH', url, { status: 'paused' })).json().account.status).toBe('paused');
    expect((await call('PATCH', url, { status: 'active' })).json().account.status).toBe('active');
    const wrong = await call('PATCH', url, { secrets: { password: 'guess' } });
    expect(wrong.statusCode).toBe(422);
    const changed = await call('PATCH', url, { settings: { pollSeconds: 30 } });
    expect(changed.json().account.settings).toEqual({
      server: 'https://x.example',
      keywords: [],
      pollSeconds: 30,
    });
    expect((await call('PATCH', url, {})).statusCode).toBe(400);
    expect((await call('DELETE', url)).statusCode).toBe(204);
    expect((await call('DELETE', url)).statusCode).toBe(404);
    const events = await t.services.db.kysely.selectFrom('events').select('type').orderBy('id').execute();
    expect(events.map((e) => e.type).filter((x) => x.startsWith('channel.'))).toEqual([
      'channel.added',
      'channel.paused',
      'channel.resumed',
      'channel.updated',
      'channel.removed',
    ]);
  });
});

describe('rapport channel', () => {
  let dataDir: string;
  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const run = (argv: string[]) =>
    runCommand(channelCommand, argv, configFrom({ RAPPORT_DATA_DIR: dataDir, RAPPORT_LOG_LEVEL: 'silent' }));

  it('adds with typed flags, lists, pauses, resumes and removes; secrets land sealed with the data-dir key', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-channel-cli-'));
    const add = await run([
      'add',
      'locktest',
      '--name',
      'Shop',
      '--server',
      'https://x.example',
      '--keywords',
      'acme,akme',
      '--poll-seconds',
      '15',
      '--password',
      'open-sesame',
    ]);
    expect(add).toMatchObject({ code: 0, out: "added locktest account 1 'Shop'\n" });
    await expect(
      run(['add', 'locktest', '--name', 'Bad', '--server', 'https://x.example', '--password', 'x']),
    ).rejects.toThrow(/wrong password/);
    expect(fs.existsSync(path.join(dataDir, 'secret.key'))).toBe(true);
    const list = await run(['list']);
    expect(list.out).toContain(
      '1\tlocktest\tShop\tactive\t{"server":"https://x.example","keywords":["acme","akme"],"pollSeconds":15}',
    );
    expect(list.out).not.toContain('open-sesame');
    expect((await run(['pause', '1'])).out).toBe("paused locktest account 1 'Shop'\n");
    expect((await run(['resume', '1'])).out).toBe("resumed locktest account 1 'Shop'\n");
    expect((await run(['update', '1', '--password', 'open-sesame', '--keywords', 'acme'])).code).toBe(0);
    expect((await run(['remove', '1'])).out).toMatch(/removed channel account 1/);
    const services = await openServices(
      configFrom({ RAPPORT_DATA_DIR: dataDir, RAPPORT_LOG_LEVEL: 'silent' }),
    );
    const events = await services.db.kysely.selectFrom('events').select('type').execute();
    await services.db.close();
    expect(events.map((e) => e.type)).toContain('channel.removed');
  });
});
