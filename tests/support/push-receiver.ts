import { createDecipheriv, createECDH, createHmac, createPublicKey, randomBytes, verify } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A push request as the local push service received it, checked and decrypted. */
export interface ReceivedPush {
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The VAPID JWT's claims (its ES256 signature checked against the `k=` key). */
  claims: { aud: string; exp: number; sub: string };
  /** The `k=` public key the JWT was signed with (base64url). */
  vapidKey: string;
  /** The decrypted payload (RFC 8291, aes128gcm). */
  payload: unknown;
  at: number;
}

const b64u = (b: Buffer) => b.toString('base64url');

/** A browser's side of a subscription: its P-256 key pair and auth secret, as pushManager makes them. */
export function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return { ecdh, auth, p256dh: b64u(ecdh.getPublicKey()), authB64: b64u(auth) };
}

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

/** Decrypts an aes128gcm Web Push body for the browser that holds `ecdh` and `auth` (RFC 8291/8188). */
export function decryptPush(body: Buffer, keys: ReturnType<typeof browserKeys>): Buffer {
  const salt = body.subarray(0, 16);
  const idlen = body[20] ?? 0;
  const asPublic = body.subarray(21, 21 + idlen);
  const ciphertext = body.subarray(21 + idlen);
  const shared = keys.ecdh.computeSecret(asPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), keys.ecdh.getPublicKey(), asPublic]);
  const ikm = hmac(hmac(keys.auth, shared), Buffer.concat([keyInfo, Buffer.from([1])]));
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01', 'binary')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01', 'binary')).subarray(0, 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([
    decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
    decipher.final(),
  ]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (padded[end] !== 2) throw new Error('the last record does not end with the 0x02 delimiter');
  return padded.subarray(0, end);
}

/** Checks a `vapid t=…, k=…` Authorization header: the ES256 signature with key k; returns claims and k. */
export function checkVapid(header: string | undefined): { claims: ReceivedPush['claims']; key: string } {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!m) throw new Error(`not a VAPID authorization: ${header}`);
  const [, jwt, k] = m as unknown as [string, string, string];
  const [h, p, s] = jwt.split('.') as [string, string, string];
  const raw = Buffer.from(k, 'base64url');
  if (raw.length !== 65 || raw[0] !== 4) throw new Error('k is not an uncompressed P-256 key');
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: b64u(raw.subarray(1, 33)), y: b64u(raw.subarray(33)) },
    format: 'jwk',
  });
  const ok = verify(
    'sha256',
    Buffer.from(`${h}.${p}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(s, 'base64url'),
  );
  if (!ok) throw new Error('the VAPID JWT signature does not verify');
  const jose = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg: string };
  if (jose.alg !== 'ES256') throw new Error(`JWT alg ${jose.alg}`);
  return { claims: JSON.parse(Buffer.from(p, 'base64url').toString()), key: k };
}

/**
 * A local push service: takes Web Push requests at /push/<name>, checks the VAPID JWT signature and
 * decrypts each payload for the browser keys registered under that name; a name can be made to
 * answer a status (410: the subscription is gone). Requests that fail the checks are answered 400
 * and kept in `rejected`.
 */
export function pushReceiver() {
  const received: ReceivedPush[] = [];
  const rejected: string[] = [];
  const browsers = new Map<string, ReturnType<typeof browserKeys>>();
  const statuses = new Map<string, number>();
  const waiters: (() => void)[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const name = (req.url ?? '').replace(/^\/push\//, '');
      const status = statuses.get(name);
      if (status) {
        res.writeHead(status).end();
        return;
      }
      try {
        const keys = browsers.get(name);
        if (!keys) throw new Error(`no browser ${name}`);
        if (req.headers['content-encoding'] !== 'aes128gcm') throw new Error('not aes128gcm');
        const { claims, key } = checkVapid(req.headers.authorization);
        const payload = JSON.parse(decryptPush(Buffer.concat(chunks), keys).toString('utf8'));
        received.push({
          path: req.url ?? '',
          headers: req.headers,
          claims,
          vapidKey: key,
          payload,
          at: Date.now(),
        });
        res.writeHead(201).end();
        for (const w of waiters.splice(0)) w();
      } catch (error) {
        rejected.push((error as Error).message);
        res.writeHead(400).end();
      }
    });
  });
  let base = '';
  return {
    received,
    rejected,
    async start() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      return base;
    },
    /** A new browser's subscription (the PushSubscription JSON) under `name`. */
    subscription(name: string) {
      const keys = browserKeys();
      browsers.set(name, keys);
      return {
        endpoint: `${base}/push/${name}`,
        expirationTime: null,
        keys: { p256dh: keys.p256dh, auth: keys.authB64 },
      };
    },
    answer(name: string, status: number) {
      statuses.set(name, status);
    },
    /** Resolves at the next accepted push. */
    next() {
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
    stop() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
