import type { Kysely } from 'kysely';
import type { MessageFacts } from '../domain/conversation-summary.js';
import { type AuthorIdentity, resolveContacts } from './contacts-repo.js';
import type { Db } from './database.js';
import type { ImportMemory } from './import-memory.js';
import {
  findReplyConversations,
  findStoredMessages,
  findThreadConversations,
  loadConversationClocks,
  loadMessageFacts,
} from './ingest-repo.js';
import type { Database } from './schema.js';
import { sqliteLookups } from './sqlite-lookups.js';

/** A message already stored, as dedupe and threading see it. */
export interface StoredMessage {
  id: number;
  conversationId: number;
}

/**
 * What the ingest pipeline asks the store about each batch and channel: dedupe, threading, contact
 * resolution (which also creates contacts for new authors) and the facts conversation summaries
 * are recomputed from. On PostgreSQL these are
 * set-based Kysely queries (a round trip costs more than the work); on SQLite, per-key prepared
 * statements on the transaction's connection (no query building, nothing to re-prepare).
 */
export interface IngestLookups {
  /** Messages already stored for these external ids: external id → ids. */
  storedMessages(channel: string, externalIds: string[]): Promise<Map<string, StoredMessage>>;
  /** Conversations of stored messages that reply to any of these external ids: parent id → conversation ids. */
  replyConversations(channel: string, parentIds: string[]): Promise<Map<string, Set<number>>>;
  /** Conversations already keyed by these channel thread ids: thread id → conversation id. */
  threadConversations(channel: string, threadIds: string[]): Promise<Map<string, number>>;
  /** Contacts of these authors (created the first time, kept current): author id → contact id. */
  resolveContacts(channel: string, authors: AuthorIdentity[], now: number): Promise<Map<string, number>>;
  /** What the summaries of these conversations are computed from, by conversation (preview: text[:300]). */
  messageFacts(conversationIds: number[]): Promise<Map<number, MessageFacts[]>>;
  /** What the SLA clocks of these conversations depend on besides their messages, by id. */
  conversationClocks(conversationIds: number[]): Promise<Map<number, ConversationClockFacts>>;
  /** Learns what a batch inserted (a bulk load's memory does; plain lookups ignore it). */
  noteInserted(channel: string, rows: InsertedMessage[]): void;
  /** Learns that conversations were merged into `target`. */
  noteMerged(target: number, sources: number[]): void;
}

/** A conversation's facts its SLA clock depends on (channel, reply route, history, snoozes). */
export interface ConversationClockFacts {
  id: number;
  channel: string;
  channel_account_id: number | null;
  sla_history: number;
  sla_pauses_json: string | null;
}

/** A message a batch inserted, as lookups may learn it. */
export interface InsertedMessage {
  externalId: string;
  id: number;
  conversationId: number;
  /** The parent it replies to when that was not stored yet (a late parent may come). */
  danglingParent: string | null;
}

/**
 * The lookups for this database, acting inside transaction `trx`; a bulk load's memory (SQLite
 * only) answers what it can before any query.
 */
export function ingestLookupsFor(db: Db, trx: Kysely<Database>, memory?: ImportMemory): IngestLookups {
  return db.sqlite ? sqliteLookups(db.sqlite, memory) : kyselyLookups(trx);
}

/** The engine-neutral implementation (PostgreSQL, and the reference the SQLite one must match). */
export function kyselyLookups(trx: Kysely<Database>): IngestLookups {
  return {
    storedMessages: (channel, ids) => findStoredMessages(trx, channel, ids),
    replyConversations: (channel, ids) => findReplyConversations(trx, channel, ids),
    threadConversations: (channel, ids) => findThreadConversations(trx, channel, ids),
    resolveContacts: (channel, authors, now) => resolveContacts(trx, channel, authors, now),
    messageFacts: (ids) => loadMessageFacts(trx, ids),
    conversationClocks: (ids) => loadConversationClocks(trx, ids),
    noteInserted() {},
    noteMerged() {},
  };
}
