/**
 * A private Dovecot IMAP server for tests: its own config, base_dir, state, maildir and log in a
 * temp folder, plaintext login on a free 127.0.0.1 port, one test user. The system's Dovecot
 * service is never touched. Mail is delivered into it over IMAP APPEND, as another mail client
 * would. `.ci/run` installs Debian's dovecot-imapd; without it the IMAP suites are skipped with a
 * notice (see tests/global-setup.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

/** Where Debian installs Dovecot. */
export const DOVECOT_BIN = '/usr/sbin/dovecot';

/** Whether Dovecot is installed (the IMAP suites need it). */
export function hasDovecot(): boolean {
  return fs.existsSync(DOVECOT_BIN);
}

/** A free TCP port on 127.0.0.1 (asked from the OS, then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A running private Dovecot. */
export interface TestDovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Delivers a raw mail into a folder of the test user (IMAP APPEND); returns its UID. */
  deliver(raw: Buffer | string, folder?: string): Promise<number>;
  /** Runs `fn` with a logged-in IMAP client (for folder changes in tests). */
  withClient<T>(fn: (client: ImapFlow) => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Starts a private Dovecot. `capabilities` replaces the post-login capability list (e.g. one
 * without IDLE, to test the polling fallback).
 */
export async function startDovecot(options: { capabilities?: string } = {}): Promise<TestDovecot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-dovecot-'));
  const port = await freePort();
  const user = 'customer-care';
  const password = 'imap-test-password';
  const root = process.getuid?.() === 0;
  const me = os.userInfo();
  // mail processes never run as root: as root use nobody, else the current user
  const uid = root ? 65534 : me.uid;
  const gid = root ? 65534 : me.gid;
  for (const sub of ['run', 'state', 'mail']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  if (root) {
    // Dovecot's auth process runs as its own user and must read the users file
    fs.chmodSync(dir, 0o755);
    fs.chownSync(path.join(dir, 'mail'), uid, gid);
  }
  fs.writeFileSync(
    path.join(dir, 'users'),
    `${user}:{PLAIN}${password}:${uid}:${gid}::${dir}/mail/${user}\n`,
  );
  const config = `
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = rapport-test-${port}
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = ${dir}/dovecot.log
first_valid_uid = ${Math.min(uid, 500)}
first_valid_gid = ${Math.min(gid, 500)}
${root ? '' : `default_internal_user = ${me.username}\ndefault_login_user = ${me.username}\n`}mail_location = maildir:${dir}/mail/%u
${options.capabilities ? `imap_capability = ${options.capabilities}\n` : ''}passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/users
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`;
  fs.writeFileSync(path.join(dir, 'dovecot.conf'), config);
  const child: ChildProcess = spawn(DOVECOT_BIN, ['-F', '-c', path.join(dir, 'dovecot.conf')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // a test worker that dies must not leave its Dovecot behind
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  await waitForPort(port, 15_000, () =>
    child.exitCode !== null ? `dovecot exited: ${output}${readLog(dir)}` : null,
  );

  const withClient = async <T>(fn: (client: ImapFlow) => Promise<T>): Promise<T> => {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user, pass: password },
      logger: false,
      disableAutoIdle: true,
    });
    client.on('error', () => {});
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.logout().catch(() => client.close());
    }
  };

  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    withClient,
    deliver: (raw, folder = 'INBOX') =>
      withClient(async (client) => {
        const result = await client.append(folder, raw);
        if (!result || typeof result.uid !== 'number') throw new Error(`APPEND to ${folder} failed`);
        return result.uid;
      }),
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readLog(dir: string): string {
  try {
    return fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8');
  } catch {
    return '';
  }
}

async function waitForPort(port: number, ms: number, failed: () => string | null): Promise<void> {
  const deadline = Date.now() + ms;
  while (true) {
    const problem = failed();
    if (problem) throw new Error(problem);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`dovecot did not listen on ${port} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
