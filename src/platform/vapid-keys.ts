import fs from 'node:fs';
import path from 'node:path';
import webpush from 'web-push';
import type { Config } from './config.js';
import { ConfigError } from './errors.js';

/** The VAPID key pair Web Push requests are signed with (base64url, uncompressed P-256). */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

const cache = new Map<string, VapidKeys>();

/**
 * The install's VAPID keys. RAPPORT_VAPID_PUBLIC_KEY/PRIVATE_KEY win; without them a pair is
 * generated once and kept in `<data dir>/vapid.json` (mode 0600), created the way `secret.key` is:
 * written whole under a temporary name, then linked into place, so two processes starting at once
 * end up with the same pair. Browsers subscribed with a public key keep working only while it stays.
 */
export function vapidKeysFor(config: Config): VapidKeys {
  const subject = config.RAPPORT_VAPID_SUBJECT;
  if (config.RAPPORT_VAPID_PUBLIC_KEY && config.RAPPORT_VAPID_PRIVATE_KEY)
    return {
      publicKey: config.RAPPORT_VAPID_PUBLIC_KEY,
      privateKey: config.RAPPORT_VAPID_PRIVATE_KEY,
      subject,
    };
  const file = path.join(config.dataDir, 'vapid.json');
  const known = cache.get(file);
  if (known) return { ...known, subject };
  let keys: { publicKey: string; privateKey: string };
  try {
    keys = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof keys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new ConfigError(`${file} is not readable VAPID keys: ${(error as Error).message}`);
    fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    keys = webpush.generateVAPIDKeys();
    const draft = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    fs.writeFileSync(draft, `${JSON.stringify(keys)}\n`, { mode: 0o600, flag: 'wx' });
    try {
      fs.linkSync(draft, file);
    } catch {
      keys = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof keys; // another process won
    } finally {
      fs.rmSync(draft, { force: true });
    }
  }
  if (typeof keys.publicKey !== 'string' || typeof keys.privateKey !== 'string')
    throw new ConfigError(`${file} does not hold a VAPID key pair`);
  const out = { publicKey: keys.publicKey, privateKey: keys.privateKey, subject };
  cache.set(file, out);
  return out;
}
