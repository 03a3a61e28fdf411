import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One delivery as the receiver saw it. */
export interface SeenDelivery {
  id: string;
  text: string;
  /** Whether the receiver answered it 2xx (a held or too-slow request was never acknowledged). */
  acknowledged: boolean;
  /** When it arrived (Date.now()). */
  at: number;
}

/**
 * A real HTTP receiver for generic-channel replies whose behaviour a test steers: answer at once,
 * after a delay, or hold every request until released (a receiver that never answers).
 */
export function controllableReceiver() {
  const seen: SeenDelivery[] = [];
  let delayMs = 0;
  let holding = false;
  let failing = 0;
  let failStatus = 503;
  const held: (() => void)[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const delivery: SeenDelivery = {
        id: String(req.headers['x-rapport-delivery']),
        text: (JSON.parse(body) as { message: { text: string } }).message.text,
        acknowledged: false,
        at: Date.now(),
      };
      seen.push(delivery);
      if (failing > 0) {
        failing -= 1;
        res.writeHead(failStatus, { 'content-type': 'text/plain' });
        res.end('receiver overloaded');
        return;
      }
      const answer = () => {
        if (res.destroyed || req.socket.destroyed) return;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ external_id: `ext-${delivery.id}` }));
        delivery.acknowledged = true;
      };
      if (holding) held.push(answer);
      else if (delayMs > 0) setTimeout(answer, delayMs);
      else answer();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return {
    seen,
    /** Every later request waits `ms` before its answer. */
    setDelay(ms: number) {
      delayMs = ms;
    },
    /** The next `count` requests are answered `status` (a 5xx storm); the ones after that as before. */
    failNext(count: number, status = 503) {
      failing = count;
      failStatus = status;
    },
    /** Requests are held unanswered until `release`. */
    hold() {
      holding = true;
    },
    /** Stops holding; requests held so far are dropped unanswered (their sender is gone). */
    release() {
      holding = false;
      held.length = 0;
      failing = 0;
    },
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`),
        ),
      ),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
