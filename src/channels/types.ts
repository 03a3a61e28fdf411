import type { z } from 'zod';
import type { EngagementAction } from '../domain/conversation-words.js';
import type { IncomingMessageInput } from '../domain/message-format.js';
import type { Clock } from '../platform/clock.js';
import type { Config } from '../platform/config.js';
import type { Logger } from '../platform/logger.js';

/** A connected account of a channel (a mailbox, a Bluesky handle, a chat widget), secrets decrypted. */
export interface ChannelAccount {
  id: number;
  channel: string;
  name: string;
  settings: Record<string, unknown>;
  secrets: Record<string, unknown>;
  status: 'active' | 'paused' | 'broken';
  statusMessage: string | null;
  createdAt: number;
  updatedAt: number;
}

/** The customer message a reply answers, as stored. */
export interface ParentMessage {
  externalId: string;
  /** Channel metadata stored with it (email subject and references, post cid and root…). */
  meta: Record<string, unknown> | null;
  authorExternalId: string | null;
  createdAt: number;
}

/** A reply on its way out, with what a channel needs to thread it on its side. */
export interface OutboundMessage {
  messageId: number;
  /** Rapport's own id for it, sent along so receivers can dedupe retried deliveries. */
  localId: string;
  conversationId: number;
  channel: string;
  text: string;
  /** External id of the customer message being answered. */
  inReplyTo: string | null;
  parent: ParentMessage | null;
  /** External ids of the conversation's earlier messages, oldest first (email References). */
  references: string[];
  threadKey: string | null;
  recipient: { externalId: string | null; handle: string | null; name: string | null } | null;
  senderName: string | null;
  createdAt: number;
}

/** The sending side of a channel: deliver one reply, return the channel's id for it. */
export interface ChannelSender {
  send(message: OutboundMessage): Promise<{ externalId: string; meta?: Record<string, unknown> }>;
  /**
   * A quick public reaction to a customer's post (like, repost) as the brand; returns the channel's
   * id of the reaction. Only channels whose capabilities list the action implement it.
   */
  engage?(
    action: EngagementAction,
    target: { externalId: string; meta: Record<string, unknown> | null },
  ): Promise<{ externalId: string }>;
  /** Releases connections (SMTP pools, sessions); called when the account changes or on shutdown. */
  close?(): Promise<void>;
}

/** Quick public reactions an agent can make to a customer's post. */
export type { EngagementAction };

/** What a channel can do, so the UI and the send check can respect it. */
export interface ChannelCapabilities {
  publicReply: boolean;
  privateMessage: boolean;
  /** Longest reply the channel accepts, in characters; null when unlimited. */
  maxLength: number | null;
  attachments: boolean;
  /** Quick reactions the channel supports (like, repost); none when absent. */
  engagements?: EngagementAction[];
}

/** A file that arrived with a message; over-cap files keep their name and size but no bytes. */
export interface InboundAttachment {
  filename: string;
  contentType: string;
  size: number;
  data: Buffer | null;
  omittedReason?: string | null;
}

/**
 * What ingesting a channel's messages did: per item (by index of the valid items), whether it was new
 * or already stored, and the items that failed validation.
 */
export interface ChannelIngestReport {
  results: { index: number; status: 'inserted' | 'duplicate'; messageId: number; conversationId: number }[];
  inserted: number;
  duplicates: number;
  /** Conversations created or changed. */
  touchedConversations: number[];
  rejected: { index: number; errors: string[] }[];
}

/** Hands out the sender of each account (cached and rebuilt on change by the process's pool). */
export interface ChannelSenders {
  /** The sender for a message on `channel`, through `account` when the conversation has one. */
  senderFor(channel: string, account: ChannelAccount | null): ChannelSender;
}

/** Durable key/value state of one account (cursors, last UID), kept across restarts. */
export interface AccountState {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}

/** Everything a connector may use; built per account by the channel host. No globals, no env. */
export interface ChannelContext {
  config: Config;
  logger: Logger;
  clock: Clock;
  /**
   * Feeds messages in the core format into the ingest pipeline, tagged with this account (its
   * conversations reply through it). Invalid items are reported, not thrown; duplicates are no-ops.
   */
  ingest(
    messages: IncomingMessageInput[],
    options?: { attachments?: Map<string, InboundAttachment[]> },
  ): Promise<ChannelIngestReport>;
  state: AccountState;
  /** Marks the account broken (with a message people can act on) or active again. */
  reportStatus(status: 'active' | 'broken', message?: string | null): Promise<void>;
  /** Records today's audience figures of the brand account (one row per day, last write wins). */
  recordAudience(figures: {
    followers: number;
    following?: number | null;
    posts?: number | null;
  }): Promise<void>;
  /**
   * Marks one of this channel's sent replies as failed with `reason` (a bounce came back for it).
   * Tries the candidate external ids in order; returns the one that matched, or null when none is a
   * reply Rapport sent.
   */
  markDeliveryFailed(externalIds: string[], reason: string): Promise<string | null>;
  /** Loads another account (e.g. the email account a chat widget falls back to). */
  loadAccount(id: number): Promise<ChannelAccount | null>;
  /** The context of another account, so its sender reports on (and stores state for) itself. */
  contextFor(account: ChannelAccount): ChannelContext;
  /** Aborted when the connector must stop (pause, removal, shutdown). */
  signal: AbortSignal;
}

/**
 * Builds the context a connector or sender of `account` works through (the composition root gives
 * use cases one, so they never reach up to the runtime that wires it).
 */
export type ChannelContextFactory = (account: ChannelAccount, signal: AbortSignal) => ChannelContext;

/** A running inbound side (listener, poller, stream) of one account. */
export interface InboundRunner {
  stop(): Promise<void>;
}

/** One kind of channel, as listed in the registry. */
export interface ChannelDefinition {
  type: string;
  description: string;
  capabilities: ChannelCapabilities;
  /** Public settings, validated when an account is added (shown in listings). */
  settingsSchema: z.ZodType<Record<string, unknown>>;
  /** Secret settings, validated when added and encrypted at rest (never listed). */
  secretsSchema: z.ZodType<Record<string, unknown>>;
  /** Checks an account can connect before it is saved; throws a ChannelError saying what is wrong. */
  verify?(account: ChannelAccount, ctx: ChannelContext): Promise<void>;
  /** Starts the account's inbound side; absent for channels that only receive through webhooks. */
  startInbound?(account: ChannelAccount, ctx: ChannelContext): Promise<InboundRunner>;
  /** The sender for an account (null: a channel without accounts, such as generic). */
  createSender(account: ChannelAccount | null, ctx: ChannelContext): ChannelSender;
}
