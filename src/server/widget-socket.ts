import type { WebSocket } from 'ws';
import { type ClientFrame, clientFrameSchema, type ServerFrame } from '../channels/chat/protocol.js';
import { appearanceOf } from '../channels/chat/settings.js';
import { PRESENCE_HEARTBEAT_MS } from '../channels/chat/visitor-state.js';
import {
  openVisitor,
  postVisitorMessage,
  saveVisitorProfile,
  setVisitorConnected,
  type Visitor,
  type WidgetAccount,
} from '../commands/chat-widget.js';
import type { Services } from '../commands/services.js';
import { cleanJson } from '../domain/clean-input.js';
import { AppError } from '../platform/errors.js';
import type { VisitorHub } from './widget-hub.js';
import { verdict, widgetLimits } from './widget-limits.js';

/** Frames are flat objects; anything nested deeper is refused before validation. */
const FRAME_MAX_DEPTH = 4;

/** WebSocket close codes the widget understands (it reconnects after 1012, backs off after 1008). */
export const CLOSE = { policy: 1008, restart: 1012 } as const;

/**
 * One visitor's WebSocket: says hello (token → visitor), then stores their messages and profile,
 * each through one command, acknowledging only what is persisted. Frames are handled one at a time,
 * in order. Bad frames and floods are refused, then the socket is closed.
 */
export class VisitorSession {
  visitor: Visitor | null = null;
  /** When the visitor's oldest unanswered message was written (null: nothing waiting). */
  waitingSince: number | null = null;
  private page: string | null = null;
  private queue: Promise<void> = Promise.resolve();
  private badFrames = 0;
  private queuedFrames = 0;
  private alive = true;
  /** The socket has closed: frames still in hand must not join the hub or mark the visitor online. */
  private ended = false;
  private asked = false;
  /** When this socket said hello: a page counts its own wait before asking for an email. */
  private greetedAt = 0;
  private askTimer: NodeJS.Timeout | null = null;
  private readonly helloTimer: NodeJS.Timeout;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly services: Services,
    private readonly hub: VisitorHub,
    readonly wa: WidgetAccount,
    private readonly socket: WebSocket,
    readonly ip: string,
  ) {
    socket.on('message', (data, isBinary) => {
      // frames wait in memory while earlier ones are stored: a client that floods faster than that
      // is cut off rather than buffered without bound
      if (this.queuedFrames >= widgetLimits.queuedFrames) {
        socket.terminate();
        return;
      }
      this.queuedFrames += 1;
      this.queue = this.queue
        .then(() => this.onFrame(isBinary ? null : String(data)))
        .finally(() => {
          this.queuedFrames -= 1;
        });
    });
    socket.on('pong', () => {
      this.alive = true;
    });
    socket.on('close', () => this.closed());
    socket.on('error', () => socket.terminate());
    this.helloTimer = setTimeout(() => this.close(CLOSE.policy, 'no hello'), widgetLimits.helloTimeoutMs);
    this.heartbeat = setInterval(() => this.beat(), PRESENCE_HEARTBEAT_MS);
  }

  /** Sends one frame if the socket is still open. */
  send(frame: ServerFrame): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  /** Closes the socket with a code the widget acts on. */
  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  /** An agent replied: nothing is waiting any more, so no email prompt is due. */
  answered(): void {
    this.waitingSince = null;
    this.scheduleAsk();
  }

  private async onFrame(raw: string | null): Promise<void> {
    let frame: ClientFrame;
    try {
      // the same hygiene as every request body: NUL removed, lone surrogates replaced, depth bounded
      const cleaned = cleanJson(raw === null ? null : JSON.parse(raw), FRAME_MAX_DEPTH);
      if (!cleaned.ok) return this.refuse(`frame is ${cleaned.reason}`);
      const parsed = clientFrameSchema.safeParse(cleaned.value);
      if (!parsed.success) {
        const id = (JSON.parse(raw ?? 'null') as { id?: unknown } | null)?.id;
        return this.refuse(
          parsed.error.issues[0]?.message ?? 'invalid frame',
          typeof id === 'string' ? id : undefined,
        );
      }
      frame = parsed.data;
    } catch {
      return this.refuse('frames must be JSON');
    }
    try {
      if (frame.type === 'hello') await this.hello(frame);
      else if (!this.visitor) this.refuse('say hello first');
      else if (this.limited(frame.type === 'send' ? frame.id : undefined)) return;
      else if (frame.type === 'send') await this.post(this.visitor, frame.id, frame.text);
      else {
        const visitor = await saveVisitorProfile(this.services, this.wa, this.visitor, frame);
        this.hub.profileChanged(this);
        this.send({ type: 'profile', visitor });
        this.scheduleAsk();
      }
    } catch (error) {
      const id = frame.type === 'send' ? frame.id : undefined;
      if (error instanceof AppError) {
        this.send({ type: 'error', code: error.code, message: error.message, ...(id ? { id } : {}) });
      } else {
        this.services.logger.error({ err: error, account: this.wa.account.id }, 'chat widget frame failed');
        this.send({
          type: 'error',
          code: 'internal',
          message: 'something went wrong',
          ...(id ? { id } : {}),
        });
      }
    }
  }

  private async hello(frame: Extract<ClientFrame, { type: 'hello' }>) {
    if (this.visitor) return this.refuse('hello was already said');
    clearTimeout(this.helloTimer);
    const opened = await openVisitor(this.services, this.wa, frame.token);
    // closed while the visitor was being looked up: joining now would leave a dead session in the
    // hub (never removed) and record the visitor online after they left
    if (this.ended) return;
    this.page = frame.page ?? null;
    this.visitor = this.hub.join(this, opened.visitor);
    this.send({
      type: 'welcome',
      token: opened.token,
      visitor: this.visitor.profile,
      widget: appearanceOf(this.wa.settings),
      messages: opened.messages,
    });
    let waiting: number | null = null;
    for (const m of opened.messages) {
      if (m.from === 'agent') waiting = null;
      else waiting ??= m.at;
    }
    this.waitingSince = waiting;
    this.greetedAt = this.services.clock.now();
    this.scheduleAsk();
    if (this.visitor.conversationIds.length > 0) {
      await setVisitorConnected(this.services, this.wa, this.visitor, true);
    }
  }

  private async post(visitor: Visitor, clientId: string, text: string) {
    const stored = await postVisitorMessage(this.services, this.wa, visitor, {
      clientId,
      text,
      page: this.page,
    });
    this.send({ type: 'ack', id: clientId, message: stored.message });
    if (stored.started) {
      this.hub.conversationStarted(this, stored.conversationId, stored.message);
      await setVisitorConnected(this.services, this.wa, visitor, true);
    }
    this.waitingSince ??= stored.message.at;
    this.scheduleAsk();
  }

  /** Counts a message against the visitor and the IP; refuses or closes when over the limits. */
  private limited(id: string | undefined): boolean {
    const now = Date.now();
    const byVisitor = verdict(
      this.hub.counter.hit(`v:${this.wa.account.id}:${this.visitor?.id}`, now),
      widgetLimits.perVisitorPerMinute,
    );
    const byIp = verdict(this.hub.counter.hit(`ip:${this.ip}`, now), widgetLimits.perIpPerMinute);
    if (byVisitor === 'close' || byIp === 'close') {
      this.close(CLOSE.policy, 'too many messages');
      return true;
    }
    if (byVisitor === 'ok' && byIp === 'ok') return false;
    this.send({
      type: 'error',
      code: 'rate_limited',
      message: 'You are sending messages too quickly. Please wait a moment.',
      ...(id ? { id } : {}),
    });
    return true;
  }

  private refuse(message: string, id?: string) {
    this.badFrames += 1;
    this.send({ type: 'error', code: 'validation_failed', message, ...(id ? { id } : {}) });
    if (this.badFrames > widgetLimits.badFrames) this.close(CLOSE.policy, 'too many bad frames');
  }

  private scheduleAsk() {
    if (this.askTimer) clearTimeout(this.askTimer);
    this.askTimer = null;
    const after = this.wa.settings.askEmailAfterSeconds;
    if (this.ended || this.asked || after === 0 || this.waitingSince === null || this.visitor?.profile.email)
      return;
    // from the later of the question and this page's hello: a visitor who opens another page is
    // not told "no one is free" at once for a question an agent may be answering right now
    const since = Math.max(this.waitingSince, this.greetedAt);
    const delay = Math.max(0, since + after * 1000 - this.services.clock.now());
    this.askTimer = setTimeout(() => {
      this.asked = true;
      this.send({ type: 'ask_email' });
    }, delay);
  }

  private beat() {
    if (!this.alive) {
      this.socket.terminate();
      return;
    }
    this.alive = false;
    this.socket.ping();
    const visitor = this.visitor;
    if (visitor && visitor.conversationIds.length > 0) {
      setVisitorConnected(this.services, this.wa, visitor, true).catch((error: unknown) =>
        this.services.logger.warn({ err: error }, 'could not record chat presence'),
      );
    }
  }

  private closed() {
    this.ended = true;
    clearTimeout(this.helloTimer);
    clearInterval(this.heartbeat);
    if (this.askTimer) clearTimeout(this.askTimer);
    const visitor = this.visitor;
    const last = this.hub.leave(this);
    if (last && visitor && visitor.conversationIds.length > 0) {
      // after any frame in hand, so a message being stored is not followed by a stale "online"
      this.queue = this.queue
        .then(() => setVisitorConnected(this.services, this.wa, visitor, false))
        .catch((error: unknown) =>
          this.services.logger.warn({ err: error }, 'could not record chat presence'),
        );
    }
  }
}
