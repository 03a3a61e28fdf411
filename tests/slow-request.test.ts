import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.js';

describe('slow requests', () => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('cuts off an authenticated client that sends its body too slowly', async () => {
    t = await createTestApp('sqlite', { RAPPORT_REQUEST_TIMEOUT_MS: '1000' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let answer = '';
    socket.on('data', (d) => {
      answer += String(d);
    });
    const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now())));
    const started = Date.now();
    socket.write(
      `POST /api/v1/messages HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${t.agentToken}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{`,
    );
    const drip = setInterval(() => {
      if (!socket.destroyed) socket.write(' ');
    }, 200);
    const outcome = await Promise.race([
      closed,
      new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), 6000)),
    ]);
    clearInterval(drip);
    socket.destroy();
    expect(outcome).not.toBe('still open');
    expect((outcome as number) - started).toBeLessThan(4000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });
});
