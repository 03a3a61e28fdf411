import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Command } from '../src/cli/command.js';
import { type CliContext, UsageError } from '../src/cli/command.js';
import { tokenCommand } from '../src/cli/commands/token.js';
import { userCommand } from '../src/cli/commands/user.js';
import { runCli } from '../src/cli/main.js';
import { configFrom } from '../src/platform/config.js';
import { AppError } from '../src/platform/errors.js';
import { openServices } from '../src/runtime/services.js';
import { buildServer } from '../src/server/app.js';
import { runCommand } from './support/cli.js';

let dataDir: string;

/** Runs a command in-process against this test's data folder. */
const run = (command: Command, argv: string[], input = '') =>
  runCommand(command, argv, configFrom({ RAPPORT_DATA_DIR: dataDir }), input);

describe('rapport user and rapport token', () => {
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-cli-'));
  });
  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('adds, lists, re-passwords and disables users', async () => {
    const add = await run(
      userCommand,
      ['add', '--admin', '--email', 'Boss@Example.test', '--name', 'Boss', '--password-stdin'],
      'a long password\n',
    );
    expect(add.code).toBe(0);
    expect(add.out).toContain('created admin boss@example.test');
    await run(
      userCommand,
      ['add', '--role', 'viewer', '--email', 'v@example.test', '--name', 'Vee'],
      'another password\n',
    );

    const list = await run(userCommand, ['list']);
    expect(list.out).toMatch(/boss@example\.test\tBoss\tadmin/);
    expect(list.out).toMatch(/v@example\.test\tVee\tviewer/);

    await expect(
      run(userCommand, ['add', '--email', 'boss@example.test', '--name', 'Again'], 'a long password\n'),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      run(userCommand, ['add', '--email', 'x@example.test', '--name', 'X'], 'short\n'),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(
      run(userCommand, ['add', '--email', 'nope', '--name', 'X'], 'a long password\n'),
    ).rejects.toBeInstanceOf(UsageError);
    await expect(
      run(userCommand, ['add', '--admin', '--role', 'viewer', '--email', 'y@example.test', '--name', 'Y']),
    ).rejects.toBeInstanceOf(UsageError);
    await expect(run(userCommand, ['frobnicate'])).rejects.toBeInstanceOf(UsageError);

    expect(
      (
        await run(
          userCommand,
          ['passwd', '--email', 'v@example.test', '--password-stdin'],
          'a new long password\n',
        )
      ).code,
    ).toBe(0);
    expect((await run(userCommand, ['disable', '--email', 'v@example.test'])).code).toBe(0);
    expect((await run(userCommand, ['list'])).out).toMatch(/v@example\.test\tVee\tviewer\tdisabled/);
    await expect(run(userCommand, ['disable', '--email', 'boss@example.test'])).rejects.toBeInstanceOf(
      AppError,
    );

    // The new password works over HTTP for an enabled user, and the disabled one cannot log in.
    const services = await openServices(
      configFrom({ RAPPORT_DATA_DIR: dataDir, RAPPORT_LOG_LEVEL: 'silent' }),
    );
    const app = await buildServer(services);
    try {
      const login = (email: string, password: string) =>
        app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
      expect((await login('boss@example.test', 'a long password')).statusCode).toBe(200);
      expect((await login('v@example.test', 'a new long password')).statusCode).toBe(401);
    } finally {
      await app.close();
      await services.db.close();
    }
  });

  it('creates a token printed alone on the last stdout line, lists it and revokes it', async () => {
    await run(userCommand, ['add', '--email', 'agent@example.test', '--name', 'Agent'], 'a long password\n');
    const created = await run(tokenCommand, ['create', '--name', 'zapier', '--user', 'agent@example.test']);
    expect(created.code).toBe(0);
    const token = created.out.trim().split('\n').at(-1) ?? '';
    expect(token).toMatch(/^rpt_[A-Za-z0-9_-]{43}$/);
    expect(created.out.trim()).toBe(token);

    await expect(
      run(tokenCommand, ['create', '--name', 'x', '--role', 'admin', '--user', 'agent@example.test']),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(run(tokenCommand, ['create', '--name', 'x', '--role', 'root'])).rejects.toBeInstanceOf(
      UsageError,
    );

    const services = await openServices(
      configFrom({ RAPPORT_DATA_DIR: dataDir, RAPPORT_LOG_LEVEL: 'silent' }),
    );
    const app = await buildServer(services);
    const call = () =>
      app.inject({ method: 'GET', url: '/api/v1/users', headers: { authorization: `Bearer ${token}` } });
    try {
      expect((await call()).statusCode).toBe(200);
      const list = await run(tokenCommand, ['list']);
      expect(list.out).toMatch(/\tzapier\tagent\tagent@example\.test\t/);
      expect(list.out).not.toContain(token);
      const id = list.out.split('\n')[1]?.split('\t')[0] ?? '';
      expect((await run(tokenCommand, ['revoke', id])).code).toBe(0);
      expect((await call()).statusCode).toBe(401);
      await expect(run(tokenCommand, ['revoke', '999'])).rejects.toMatchObject({ code: 'not_found' });
      await expect(run(tokenCommand, ['revoke'])).rejects.toBeInstanceOf(UsageError);
    } finally {
      await app.close();
      await services.db.close();
    }
  });

  it('prompts twice without echo on a terminal', async () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let prompts = '';
    stderr.on('data', (d) => {
      prompts += String(d);
      if (String(d).startsWith('Password')) stdin.write('tty password 1\r');
      if (String(d).startsWith('Repeat')) stdin.write('tty password 1\r');
    });
    const ctx: CliContext = { config: configFrom({ RAPPORT_DATA_DIR: dataDir }), stdin, stdout, stderr };
    const code = await userCommand.run(['add', '--email', 't@example.test', '--name', 'Tee'], ctx);
    expect(code).toBe(0);
    expect(prompts).not.toContain('tty password');
  });

  it('maps usage errors to exit code 2 through the CLI entry point', async () => {
    const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
    expect(await runCli(['user', 'frobnicate'], io)).toBe(2);
    expect(await runCli(['token', 'revoke', 'abc'], io)).toBe(2);
  });
});
