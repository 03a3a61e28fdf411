import { channelDefinition } from '../channels/registry.js';
import type { ChannelAccount, ChannelSender, ChannelSenders } from '../channels/types.js';
import type { Services } from '../commands/services.js';
import { createChannelContext } from './channel-host.js';

/**
 * Builds and caches the sender of each (channel, account) pair for the process. A sender is rebuilt
 * when its account changes (new password, new settings), and the old one is closed.
 */
export class SenderPool implements ChannelSenders {
  private readonly senders = new Map<string, { version: number; sender: ChannelSender }>();
  private readonly controller = new AbortController();

  constructor(private readonly services: Services) {}

  /** The sender for a message on `channel`, through `account` when the conversation has one. */
  senderFor(channel: string, account: ChannelAccount | null): ChannelSender {
    const definition = channelDefinition(account?.channel ?? channel);
    const key = `${definition.type}:${account?.id ?? 0}`;
    const version = account?.updatedAt ?? 0;
    const cached = this.senders.get(key);
    if (cached && cached.version === version) return cached.sender;
    if (cached) void cached.sender.close?.().catch(() => {});
    const ctxAccount: ChannelAccount = account ?? {
      id: 0,
      channel: definition.type,
      name: definition.type,
      settings: {},
      secrets: {},
      status: 'active',
      statusMessage: null,
      createdAt: 0,
      updatedAt: 0,
    };
    const sender = definition.createSender(
      account,
      createChannelContext(this.services, ctxAccount, this.controller.signal),
    );
    this.senders.set(key, { version, sender });
    return sender;
  }

  /** Closes every sender (shutdown). */
  async close(): Promise<void> {
    this.controller.abort();
    const all = [...this.senders.values()];
    this.senders.clear();
    await Promise.allSettled(all.map((s) => s.sender.close?.()));
  }
}
