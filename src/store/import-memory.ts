import type SqliteDatabase from 'better-sqlite3';
import type { StoredIdentity } from './contacts-repo.js';
import type { Db } from './database.js';
import type { InsertedMessage, StoredMessage } from './ingest-lookups.js';

/**
 * What a bulk load on SQLite remembers of its own writes, so most dedupe, parent, late-parent and
 * contact questions need no index probe. Its answers are exact, because they are given only while
 *  - no other connection has committed since the load's previous transaction (PRAGMA data_version,
 *    read first in each transaction, which holds the write lock from its BEGIN, so nobody else can
 *    commit until it ends; once the version changes, the memory stays off), and
 *  - for "not stored" answers: the channel had no messages (identities) when the load first met it,
 *    so everything stored for it since was written by the load and passed through here.
 * Bloom filters make "not written by this load" certain at ~10 bits per id; the recent maps and the
 * late-parent index are bounded (past a bound, the questions they answer go to SQLite again).
 */
export class ImportMemory {
  private on = true;
  private version: number | null = null;
  private readonly channels = new Map<string, ChannelMemory>();
  /** Conversations the load merged away → the one they went into (a newer one: see planThreads; ids are never reused). */
  private readonly mergedInto = new Map<number, number>();

  constructor(private readonly sqlite: SqliteDatabase.Database) {}

  /** To call first in each transaction of the load (it starts the transaction's read snapshot). */
  beginTransaction() {
    const version = this.sqlite.pragma('data_version', { simple: true }) as number;
    if (this.version !== null && version !== this.version) this.on = false;
    this.version = version;
  }

  /** A stored message from memory, 'absent' when certainly not stored, undefined when unknown. */
  message(channel: string, externalId: string): StoredMessage | 'absent' | undefined {
    const c = this.channel(channel);
    if (!c) return undefined;
    const known = c.recent.get(externalId);
    if (known) return { id: known.id, conversationId: this.resolve(known.conversationId) };
    return c.messagesEmptyAtStart && !c.inserted.has(externalId) ? 'absent' : undefined;
  }

  /** Conversations of stored replies to this id (empty: none), or undefined when unknown. */
  replies(channel: string, externalId: string): number[] | undefined {
    const c = this.channel(channel);
    if (!c?.messagesEmptyAtStart || !c.dangling) return undefined;
    return (c.dangling.get(externalId) ?? []).map((id) => this.resolve(id));
  }

  /** A stored identity from memory, 'absent' when certainly none, undefined when unknown. */
  identity(channel: string, authorId: string): StoredIdentity | 'absent' | undefined {
    const c = this.channel(channel);
    if (!c) return undefined;
    const known = c.identities.get(authorId);
    if (known) return known;
    return c.identitiesEmptyAtStart && !c.authors.has(authorId) ? 'absent' : undefined;
  }

  /** Records messages the load inserted; `danglingParent`: a parent that was not stored yet. */
  noteInserted(channel: string, rows: InsertedMessage[]) {
    const c = this.channel(channel);
    if (!c) return;
    for (const r of rows) {
      c.inserted.add(r.externalId);
      c.recent.set(r.externalId, { id: r.id, conversationId: r.conversationId });
      c.dangling?.delete(r.externalId);
      if (r.danglingParent && c.dangling) {
        const list = c.dangling.get(r.danglingParent);
        if (list) list.push(r.conversationId);
        else c.dangling.set(r.danglingParent, [r.conversationId]);
        if (c.dangling.size > DANGLING) c.dangling = null;
      }
    }
  }

  /** Records conversations merged into `target`. */
  noteMerged(target: number, sources: number[]) {
    for (const id of sources) this.mergedInto.set(id, target);
  }

  /** Records an identity as the load stored it. */
  noteIdentity(channel: string, authorId: string, identity: StoredIdentity) {
    const c = this.channel(channel);
    if (!c) return;
    c.authors.add(authorId);
    c.identities.set(authorId, identity);
  }

  private resolve(conversationId: number): number {
    let id = conversationId;
    for (let next = this.mergedInto.get(id); next !== undefined; next = this.mergedInto.get(id)) id = next;
    return id;
  }

  private channel(channel: string): ChannelMemory | undefined {
    if (!this.on || this.version === null) return undefined;
    let c = this.channels.get(channel);
    if (!c) {
      const any = (table: string) =>
        this.sqlite.prepare(`select 1 from ${table} where channel = ? limit 1`).get(channel) !== undefined;
      c = {
        messagesEmptyAtStart: !any('messages'),
        identitiesEmptyAtStart: !any('contact_identities'),
        inserted: new Bloom(),
        recent: new RecentMap(RECENT),
        dangling: new Map(),
        authors: new Bloom(),
        identities: new RecentMap(RECENT),
      };
      this.channels.set(channel, c);
    }
    return c;
  }
}

/** A memory for a bulk load on this database: SQLite only (PostgreSQL has concurrent writers). */
export function importMemoryFor(db: Db): ImportMemory | undefined {
  return db.sqlite ? new ImportMemory(db.sqlite) : undefined;
}

/** Recent messages and identities remembered per channel (replies and follow-ups come soon after). */
const RECENT = 50_000;
/** Most parents awaited by stored replies that are tracked before those questions go to SQLite. */
const DANGLING = 200_000;

interface ChannelMemory {
  messagesEmptyAtStart: boolean;
  identitiesEmptyAtStart: boolean;
  /** External ids the load inserted. */
  inserted: Bloom;
  recent: RecentMap<string, StoredMessage>;
  /** Parent id → conversations of inserted replies still waiting for it; null past the bound. */
  dangling: Map<string, number[]> | null;
  /** Author ids the load stored an identity for. */
  authors: Bloom;
  identities: RecentMap<string, StoredIdentity>;
}

/**
 * A bounded map of recent entries: writes go to a young generation which, once it holds half the
 * bound, becomes the old one (the previous old one is dropped). O(1) per operation (evicting one
 * entry at a time from a Map's front costs more and more, as deleted entries stay in its order).
 */
class RecentMap<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    return this.young.get(key) ?? this.old.get(key);
  }

  set(key: K, value: V) {
    this.young.set(key, value);
    if (this.young.size >= this.max / 2) {
      this.old = this.young;
      this.young = new Map();
    }
  }
}

/**
 * A scalable Bloom filter of strings: no false negatives; false positives (~1%) only cost a probe.
 * Each filter holds `capacity` ids at 10 bits each; a full one is followed by one twice as large.
 */
class Bloom {
  private readonly filters: { bits: Uint32Array; mask: number; count: number; capacity: number }[] = [];

  add(key: string) {
    let f = this.filters[this.filters.length - 1];
    if (!f || f.count >= f.capacity) {
      const capacity = f ? f.capacity * 2 : 1 << 16;
      const size = 2 ** Math.ceil(Math.log2(capacity * 10));
      f = { bits: new Uint32Array(size / 32), mask: size - 1, count: 0, capacity };
      this.filters.push(f);
    }
    const [h1, h2] = hashes(key);
    for (let i = 0; i < HASHES; i += 1) {
      const bit = (h1 + i * h2) & f.mask;
      f.bits[bit >>> 5]! |= 1 << (bit & 31);
    }
    f.count += 1;
  }

  has(key: string): boolean {
    if (this.filters.length === 0) return false;
    const [h1, h2] = hashes(key);
    return this.filters.some((f) => {
      for (let i = 0; i < HASHES; i += 1) {
        const bit = (h1 + i * h2) & f.mask;
        if ((f.bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
      }
      return true;
    });
  }
}

const HASHES = 7;

/** Two independent 32-bit hashes of a string (FNV-1a and a multiplicative mix), for double hashing. */
function hashes(key: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = 0; i < key.length; i += 1) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a >>> 0, (b | 1) >>> 0];
}
