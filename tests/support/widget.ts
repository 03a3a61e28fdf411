/**
 * Helpers for the website chat tests: a listening test server with chat accounts, the widget bundle
 * (built when missing or stale), and a visitor's WebSocket client (the real `ws` package) that
 * collects frames and waits for them.
 *
 *   const v = await WidgetClient.connect(baseUrl, widgetKey, { origin: 'https://shop.example' });
 *   const welcome = await v.hello();              // or v.hello(savedToken)
 *   const ack = await v.say('Hello?');            // resolves with the 'ack' frame
 *   const reply = await v.next('message');
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { ClientFrame, ServerFrame } from '../../src/channels/chat/protocol.js';
import { createTestApp, type TestApp } from './app.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The built widget script. */
export const widgetBundleFile = path.join(repoRoot, 'widget', 'dist', 'widget.js');

/** Builds widget/dist/widget.js with Vite when it is missing or older than its sources. */
export function ensureWidgetBuilt(): void {
  const sources = [
    path.join(repoRoot, 'widget', 'src'),
    path.join(repoRoot, 'widget', 'vite.config.ts'),
    path.join(repoRoot, 'src', 'channels', 'chat', 'protocol.ts'),
  ];
  const newest = Math.max(
    ...sources.flatMap((p) =>
      fs.statSync(p).isDirectory()
        ? fs.readdirSync(p).map((f) => fs.statSync(path.join(p, f)).mtimeMs)
        : [fs.statSync(p).mtimeMs],
    ),
  );
  if (fs.existsSync(widgetBundleFile) && fs.statSync(widgetBundleFile).mtimeMs >= newest) return;
  const vite = path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build', '--config', 'widget/vite.config.ts', '--logLevel', 'warn'], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** The site the test chat accounts allow. */
export const shop = 'https://shop.example';

/** A test app listening on a real port (WebSockets need one), able to add chat accounts. */
export interface ChatServer extends TestApp {
  baseUrl: string;
  /** Adds a chat account through POST /api/v1/channels; returns its id and public widget key. */
  addChat(name: string, settings?: object): Promise<{ id: number; key: string }>;
}

/** Starts a ChatServer on 127.0.0.1, port 0, on a fresh database (in-memory SQLite by default). */
export async function chatServer(
  engine: 'sqlite' | 'postgres' = 'sqlite',
  overrides: Record<string, string> = {},
): Promise<ChatServer> {
  const t = await createTestApp(engine, overrides);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    ...t,
    baseUrl: `http://127.0.0.1:${port}`,
    async addChat(name, settings = {}) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/channels',
        headers: t.admin.headers,
        payload: { type: 'chat', name, settings: { allowedOrigins: [shop], ...settings } },
      });
      if (res.statusCode !== 201) throw new Error(`add chat failed: ${res.statusCode} ${res.body}`);
      const { account } = res.json() as { account: { id: number; settings: { widgetKey: string } } };
      return { id: account.id, key: account.settings.widgetKey };
    },
  };
}

type FrameOf<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;

/** A visitor's socket, as the widget would open it. */
export class WidgetClient {
  readonly frames: ServerFrame[] = [];
  closed: { code: number; reason: string } | null = null;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as ServerFrame);
      this.wake();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: String(reason) };
      this.wake();
    });
  }

  /** Opens the socket; rejects with the HTTP status when the upgrade is refused. */
  static connect(baseUrl: string, key: string, options: { origin?: string } = {}): Promise<WidgetClient> {
    const url = `${baseUrl.replace(/^http/, 'ws')}/widget/socket?key=${encodeURIComponent(key)}`;
    const ws = new WebSocket(url, options.origin ? { origin: options.origin } : {});
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new WidgetClient(ws)));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  /** Sends a frame as is (raw strings too, for abuse tests). */
  send(frame: ClientFrame | Record<string, unknown> | string): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Says hello (with a token when returning) and waits for the welcome. */
  async hello(token: string | null = null): Promise<FrameOf<'welcome'>> {
    this.send({ type: 'hello', token, page: 'https://shop.example/help' });
    return this.next('welcome');
  }

  /** Sends a message and waits for its acknowledgement. */
  async say(text: string, id: string = randomUUID()): Promise<FrameOf<'ack'>> {
    this.send({ type: 'send', id, text });
    return this.next('ack', (f) => f.id === id);
  }

  /** Waits for (and takes) the first frame of a type, optionally matching `where`. */
  async next<T extends ServerFrame['type']>(
    type: T,
    where: (frame: FrameOf<T>) => boolean = () => true,
    ms = 5_000,
  ): Promise<FrameOf<T>> {
    const deadline = Date.now() + ms;
    while (true) {
      const index = this.frames.findIndex((f) => f.type === type && where(f as FrameOf<T>));
      if (index >= 0) return this.frames.splice(index, 1)[0] as FrameOf<T>;
      if (this.closed)
        throw new Error(`socket closed (${this.closed.code} ${this.closed.reason}) before ${type}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${type} frame within ${ms} ms; got ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits until the server closes the socket; returns the close code. */
  async closedWith(ms = 5_000): Promise<number> {
    const deadline = Date.now() + ms;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('socket still open');
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.closed.code;
  }

  close(): void {
    this.ws.close();
  }

  private wake() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
