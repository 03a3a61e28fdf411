import type { ClientFrame, ServerFrame } from '../../src/channels/chat/protocol.js';

/** What the connection tells the widget. */
export interface ConnectionEvents {
  frame(frame: ServerFrame): void;
  /** The socket is greeted (true) or down (false). */
  online(up: boolean): void;
}

/**
 * The widget's WebSocket to Rapport: says hello on every (re)connect, and reconnects with growing,
 * jittered delays — slowly when the server refused the widget (wrong site, paused, flooding).
 */
export class Connection {
  private ws: WebSocket | null = null;
  private greeted = false;
  private everGreeted = false;
  private failures = 0;

  constructor(
    private readonly url: string,
    private readonly hello: () => ClientFrame,
    private readonly events: ConnectionEvents,
  ) {}

  /** Opens the socket. */
  start(): void {
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => ws.send(JSON.stringify(this.hello()));
    ws.onmessage = (event) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(event.data)) as ServerFrame;
      } catch {
        return;
      }
      if (frame.type === 'welcome') {
        this.greeted = true;
        this.everGreeted = true;
        this.failures = 0;
        this.events.online(true);
      }
      this.events.frame(frame);
    };
    ws.onclose = (event) => {
      this.ws = null;
      if (this.greeted) this.events.online(false);
      this.greeted = false;
      this.failures += 1;
      const policy = event.code === 1008;
      const cap = policy || !this.everGreeted ? 300_000 : 30_000;
      const base = event.code === 1012 ? 500 : Math.min(cap, 1000 * 2 ** Math.min(this.failures, 9));
      setTimeout(() => this.start(), base * (0.8 + Math.random() * 0.4));
    };
  }

  /** Sends a frame if greeted; false when it must wait for the next connection. */
  send(frame: ClientFrame): boolean {
    if (!this.ws || !this.greeted || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }
}
