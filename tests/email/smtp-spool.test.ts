/**
 * The SMTP listener spools mail to disk as it arrives (issue 21, defect 9: each of 30 connections
 * could hold 25 MiB in memory). Several connections in the middle of large mails cost files under
 * the data dir (0600, in a 0700 folder), not memory; the files go once each mail is answered (or
 * its connection drops), and one connection over RAPPORT_SMTP_MAX_CLIENTS is answered 421.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../support/channel-contract.js';
import { freePort } from '../support/dovecot.js';
import { countEmails, type EmailRapport, SUPPORT, startEmailRapport } from './support.js';

const MB = 1024 * 1024;
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Memory the process holds in JavaScript objects and buffers, after a full collection. */
function heldMemory(): number {
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** A hand-driven SMTP client on a raw socket: says one command at a time and reads the answer. */
class RawSmtp {
  private buffered = '';
  private waiting: (() => void) | null = null;
  private constructor(readonly socket: net.Socket) {
    socket.on('data', (d) => {
      this.buffered += String(d);
      this.waiting?.();
    });
    socket.on('error', () => {});
  }

  static async connect(port: number): Promise<RawSmtp> {
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    return new RawSmtp(socket);
  }

  /** The next complete answer (its last line is "NNN text"). */
  async answer(): Promise<string> {
    const deadline = Date.now() + 30_000;
    while (true) {
      const end = /^\d{3} .*\r\n/m.exec(this.buffered);
      if (end) {
        const upTo = end.index + end[0].length;
        const text = this.buffered.slice(0, upTo);
        this.buffered = this.buffered.slice(upTo);
        return text;
      }
      if (Date.now() > deadline) throw new Error(`no SMTP answer; so far: ${this.buffered}`);
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
        setTimeout(resolve, 200);
      });
    }
  }

  async say(line: string): Promise<string> {
    this.socket.write(`${line}\r\n`);
    return this.answer();
  }

  async write(data: Buffer | string): Promise<void> {
    if (!this.socket.write(data)) await new Promise((resolve) => this.socket.once('drain', resolve));
  }
}

/** Starts a mail: greeting, envelope, DATA and headers; the body is the caller's to write. */
async function beginMail(port: number, id: string): Promise<RawSmtp> {
  const client = await RawSmtp.connect(port);
  expect(await client.answer()).toMatch(/^220 /);
  expect(await client.say('EHLO client.example')).toMatch(/^250 /m);
  expect(await client.say('MAIL FROM:<casey@example.com>')).toMatch(/^250 /);
  expect(await client.say(`RCPT TO:<${SUPPORT}>`)).toMatch(/^250 /);
  expect(await client.say('DATA')).toMatch(/^354 /);
  await client.write(
    `From: Casey <casey@example.com>\r\nTo: ${SUPPORT}\r\nSubject: big ${id}\r\nMessage-ID: <${id}@example.com>\r\n` +
      'Content-Type: text/plain; charset=utf-8\r\n\r\nHere is the log.\r\n',
  );
  return client;
}

describe('the SMTP listener spools mail to disk', () => {
  let rapport: EmailRapport | null = null;
  const clients: RawSmtp[] = [];
  let dataDir = '';
  afterEach(async () => {
    for (const c of clients.splice(0)) c.socket.destroy();
    await rapport?.close();
    rapport = null;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const start = async (env: Record<string, string> = {}) => {
    const port = await freePort();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-spool-'));
    const r = await startEmailRapport(
      'sqlite',
      { smtpListenPort: port, smtpHost: '127.0.0.1' },
      {},
      { RAPPORT_DATA_DIR: dataDir, ...env },
    );
    rapport = r;
    return { r, port, spool: path.join(dataDir, 'spool') };
  };
  const spooled = (dir: string) =>
    fs.readdirSync(dir).map((name) => ({ name, stat: fs.statSync(path.join(dir, name)) }));

  it('holds four 12 MiB mails in progress in files, not memory, and removes each file once answered', async () => {
    const { r, port, spool } = await start();
    const line = Buffer.from(`${'log line 0123456789 '.repeat(3).slice(0, 60)}\r\n`);
    const chunk = Buffer.concat(Array.from({ length: Math.ceil((64 * 1024) / line.length) }, () => line));
    const perMail = 12 * MB;
    const before = heldMemory();
    for (let i = 0; i < 4; i++) clients.push(await beginMail(port, `big-${i}`));
    for (let sent = 0; sent < perMail; sent += chunk.length) {
      for (const c of clients) await c.write(chunk);
    }
    // wait until the listener has taken the bytes (a short while for code that keeps them elsewhere)
    await eventually(
      async () =>
        fs.existsSync(spool) &&
        spooled(spool).filter((f) => f.stat.size > perMail * 0.9).length === clients.length,
      20_000,
      'the mails on disk',
    ).catch(() => null);
    const grown = heldMemory() - before;
    // 48 MiB are in flight; kept in memory they would show here several times over
    expect(grown).toBeLessThan(perMail);

    const files = spooled(spool);
    expect(files).toHaveLength(4);
    for (const f of files) {
      expect(f.stat.mode & 0o777).toBe(0o600);
      expect(f.stat.size).toBeGreaterThan(perMail * 0.9);
    }
    expect(fs.statSync(spool).mode & 0o777).toBe(0o700);

    // three mails end and are stored; the fourth connection drops in the middle of its mail
    for (const c of clients.slice(0, 3)) c.socket.write('\r\n.\r\n');
    for (const c of clients.slice(0, 3)) expect(await c.answer()).toMatch(/^250 /);
    clients[3]!.socket.destroy();
    expect(await countEmails(r.services)).toBe(3);
    await eventually(async () => spooled(spool).length === 0, 10_000, 'the spool emptied');
  }, 120_000);

  it('answers 421 to a connection over RAPPORT_SMTP_MAX_CLIENTS, and takes one again when a place frees', async () => {
    const { port } = await start({ RAPPORT_SMTP_MAX_CLIENTS: '2' });
    for (let i = 0; i < 2; i++) {
      const c = await RawSmtp.connect(port);
      clients.push(c);
      expect(await c.answer()).toMatch(/^220 /);
    }
    const third = await RawSmtp.connect(port);
    clients.push(third);
    expect(await third.answer()).toMatch(/^421 .*Too many connected clients/);
    clients[0]!.socket.destroy();
    const again = await eventually(
      async () => {
        const c = await RawSmtp.connect(port);
        clients.push(c);
        const greeting = await c.answer();
        return greeting.startsWith('220 ') ? greeting : null;
      },
      10_000,
      'a place after one connection closed',
    );
    expect(again).toMatch(/^220 /);
  });
});
