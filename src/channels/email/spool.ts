import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * A mail received into a spool file on disk (the SMTP listener's), instead of held in memory: a
 * slow or large mail costs a file, not up to RAPPORT_SMTP_MAX_BYTES of memory per connection.
 */
export interface SpooledMail {
  kind: 'spooled';
  /** The file (0600, in the data dir's spool folder). */
  file: string;
  /** Bytes received, all of them, also those past the limit (which are not written). */
  size: number;
  /** SHA-256 (hex) of the bytes written: the synthetic Message-ID of a mail without one. */
  sha256: string;
}

/** The bytes of one mail: in memory (read from IMAP) or in a spool file (the SMTP listener). */
export type RawMail = Buffer | SpooledMail;

/** How many bytes the mail has. */
export function sizeOf(raw: RawMail): number {
  return Buffer.isBuffer(raw) ? raw.length : raw.size;
}

/** SHA-256 (hex) of the mail's bytes. */
export function sha256Of(raw: RawMail): string {
  return Buffer.isBuffer(raw) ? createHash('sha256').update(raw).digest('hex') : raw.sha256;
}

/** The mail's bytes as a stream (the parser reads a spooled mail from its file). */
export function streamOf(raw: RawMail): Buffer | Readable {
  return Buffer.isBuffer(raw) ? raw : fs.createReadStream(raw.file);
}

/** The first `bytes` bytes of the mail (headers, the classifier's sample). */
export async function headOf(raw: RawMail, bytes: number): Promise<Buffer> {
  if (Buffer.isBuffer(raw)) return raw.subarray(0, bytes);
  const handle = await fs.promises.open(raw.file, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(bytes, raw.size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** All of the mail's bytes (only for a mail small enough to keep whole, e.g. as an attachment). */
export async function bytesOf(raw: RawMail): Promise<Buffer> {
  return Buffer.isBuffer(raw) ? raw : fs.promises.readFile(raw.file);
}

/**
 * The spool folder of one SMTP listener: `<data dir>/spool` (0700), files named after the listener
 * so that one listener's leftovers (a crash between receipt and storage; the sender was never told
 * 250, so it sends again) are cleared when it starts, without touching another's.
 */
export class MailSpool {
  constructor(
    private readonly dir: string,
    private readonly prefix: string,
  ) {}

  /** Creates the folder (0700). */
  async prepare(): Promise<void> {
    await fs.promises.mkdir(this.dir, { recursive: true, mode: 0o700 });
  }

  /** Removes this listener's leftover files (call once it holds its port, so they are its own). */
  async clearLeftovers(): Promise<void> {
    for (const name of await fs.promises.readdir(this.dir)) {
      if (name.startsWith(`${this.prefix}-`))
        await fs.promises.rm(path.join(this.dir, name), { force: true });
    }
  }

  /**
   * Writes the incoming mail to a new file (0600) as it arrives, with backpressure; bytes past
   * `maxBytes` are counted and dropped (the caller refuses the mail). On a broken stream the file
   * is removed and the error thrown.
   */
  async receive(incoming: Readable, maxBytes: number): Promise<SpooledMail> {
    const file = path.join(this.dir, `${this.prefix}-${Date.now()}-${randomBytes(6).toString('hex')}.eml`);
    const hash = createHash('sha256');
    let size = 0;
    const capped = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        const room = maxBytes - size;
        size += chunk.length;
        if (room <= 0) return done();
        const kept = chunk.length <= room ? chunk : chunk.subarray(0, room);
        hash.update(kept);
        done(null, kept);
      },
    });
    try {
      await pipeline(incoming, capped, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    } catch (error) {
      await fs.promises.rm(file, { force: true });
      throw error;
    }
    return { kind: 'spooled', file, size, sha256: hash.digest('hex') };
  }

  /** Removes a spooled mail's file (once it is stored, refused, or given back to the sender). */
  async discard(mail: SpooledMail): Promise<void> {
    await fs.promises.rm(mail.file, { force: true });
  }
}
