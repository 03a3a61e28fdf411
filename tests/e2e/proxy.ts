/**
 * A TCP proxy in front of the test server, to make the server "die" as a browser sees it:
 * `silent()` keeps every connection open but stops passing bytes (a host that vanished, a phone
 * that lost its network), `down()` drops every connection and refuses new ones (a crashed
 * process), `up()` brings it back on the same port.
 */
import net from 'node:net';

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
}

/** A running proxy and the switches that break it. */
export interface TcpProxy {
  url: string;
  silent(): void;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 forwarding to `targetPort`. */
export async function startProxy(targetPort: number): Promise<TcpProxy> {
  let mode: 'up' | 'silent' | 'down' = 'up';
  const pairs = new Set<Pair>();
  const held = new Set<net.Socket>();
  const onConnection = (client: net.Socket) => {
    client.on('error', () => client.destroy());
    if (mode !== 'up') {
      // accepted, never answered
      held.add(client);
      client.on('close', () => held.delete(client));
      return;
    }
    const upstream = net.connect(targetPort, '127.0.0.1');
    const pair = { client, upstream };
    pairs.add(pair);
    const end = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  };
  let server = net.createServer(onConnection);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  const dropAll = () => {
    for (const p of pairs) {
      p.client.destroy();
      p.upstream.destroy();
    }
    pairs.clear();
    for (const s of held) s.destroy();
    held.clear();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    silent() {
      mode = 'silent';
      for (const p of pairs) {
        p.client.unpipe(p.upstream);
        p.upstream.unpipe(p.client);
        p.client.pause();
        p.upstream.pause();
      }
    },
    async down() {
      mode = 'down';
      dropAll();
      await new Promise<void>((r) => server.close(() => r()));
    },
    async up() {
      mode = 'up';
      if (!server.listening) {
        server = net.createServer(onConnection);
        await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
      }
    },
    async close() {
      dropAll();
      if (server.listening) await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
