import type { Config } from '../platform/config.js';

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
  threadKey: string | null;
  recipient: { externalId: string | null; handle: string | null; name: string | null } | null;
  senderName: string | null;
  createdAt: number;
}

/** The sending side of a channel: deliver one reply, return the channel's id for it. */
export interface ChannelSender {
  send(message: OutboundMessage): Promise<{ externalId: string }>;
}

/** What a channel can do, so the UI and the send check can respect it. */
export interface ChannelCapabilities {
  publicReply: boolean;
  privateMessage: boolean;
  /** Longest reply the channel accepts, in characters; null when unlimited. */
  maxLength: number | null;
  attachments: boolean;
}

/** One kind of channel, as listed in the registry. */
export interface ChannelDefinition {
  type: string;
  description: string;
  capabilities: ChannelCapabilities;
  createSender(config: Config): ChannelSender;
}
