import {
  createCipheriv,
  createDecipheriv,
  createHash,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.js';
import { AppError, ConfigError } from './errors.js';

/** Compares two secrets (tokens, CSRF values) in time that does not depend on where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A channel account's secrets could not be decrypted (wrong or changed key). */
export class SecretsError extends AppError {
  constructor(message: string) {
    super('config_invalid', message);
  }
}

/** Encrypts and decrypts small JSON secrets (passwords, tokens) with AES-256-GCM. */
export interface SecretBox {
  seal(value: unknown): string;
  open(sealed: string): unknown;
}

const VERSION = 'v1';

/** A box over a 32-byte key; the key's fingerprint is bound into every ciphertext as associated data. */
export function secretBoxFromKey(keyMaterial: Buffer): SecretBox {
  const key = Buffer.from(hkdfSync('sha256', keyMaterial, 'rapport', 'channel-secrets-v1', 32));
  const aad = createHash('sha256').update(key).digest().subarray(0, 8);
  return {
    seal(value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad);
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    open(sealed) {
      const [version, payload] = sealed.split(':');
      if (version !== VERSION || !payload) throw new SecretsError('stored secrets are in an unknown format');
      const raw = Buffer.from(payload, 'base64');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAAD(aad);
        decipher.setAuthTag(raw.subarray(12, 28));
        const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
        return JSON.parse(text);
      } catch {
        throw new SecretsError(
          'channel secrets cannot be decrypted: RAPPORT_SECRET_KEY (or data/secret.key) differs from the key they were stored with',
        );
      }
    },
  };
}

/**
 * The install's secret box. RAPPORT_SECRET_KEY wins; without it a SQLite install keeps a random key
 * in `<data dir>/secret.key` (mode 0600) so `npm start` needs no configuration. PostgreSQL installs,
 * which may span machines, must set RAPPORT_SECRET_KEY.
 */
export function secretBoxFor(config: Config): SecretBox {
  if (config.RAPPORT_SECRET_KEY) return secretBoxFromKey(Buffer.from(config.RAPPORT_SECRET_KEY, 'utf8'));
  if (config.engine === 'postgres') {
    return lazyFailingBox(
      'RAPPORT_SECRET_KEY must be set (32+ random characters) to store channel secrets on PostgreSQL',
    );
  }
  const file = path.join(config.dataDir, 'secret.key');
  let key: Buffer;
  try {
    key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  } catch {
    fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    key = randomBytes(32);
    // written whole under a temporary name, then linked into place: another process starting at
    // the same moment sees either no key file or a complete one, never an empty one
    const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(draft, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    try {
      fs.linkSync(draft, file);
    } catch {
      // another process created it first: use theirs
      key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    } finally {
      fs.rmSync(draft, { force: true });
    }
  }
  if (key.length !== 32) throw new ConfigError(`${file} does not hold a 32-byte base64 key`);
  return secretBoxFromKey(key);
}

function lazyFailingBox(message: string): SecretBox {
  return {
    seal() {
      throw new ConfigError(message);
    },
    open() {
      throw new ConfigError(message);
    },
  };
}
