import type { WidgetMessage } from '../channels/chat/protocol.js';
import { type Visitor, visitorMessage, widgetAccountCheck } from '../commands/chat-widget.js';
import type { Services } from '../commands/services.js';
import type { LiveEvent } from '../platform/live-bus.js';
import { MinuteCounter, widgetLimits } from './widget-limits.js';
import { CLOSE, type VisitorSession } from './widget-socket.js';

/** The sessions (tabs) of one visitor in this process, sharing one visitor record. */
interface VisitorGroup {
  visitor: Visitor;
  sessions: Set<VisitorSession>;
}

/**
 * The process's open widget sockets: groups a visitor's tabs (presence is "any tab open"), routes
 * live-bus messages of a conversation to exactly the sockets of the visitor who owns it, counts
 * sockets per IP, and drops a changed account's sockets so they reconnect with its new settings.
 */
export class VisitorHub {
  /** Per-minute message counts by visitor and IP. */
  readonly counter = new MinuteCounter();
  private readonly groups = new Map<string, VisitorGroup>();
  private readonly byConversation = new Map<number, VisitorGroup>();
  private readonly sessions = new Set<VisitorSession>();
  private readonly socketsPerIp = new Map<string, number>();
  private readonly unsubscribe: () => void;

  constructor(private readonly services: Services) {
    this.unsubscribe = services.live.subscribe((event) => this.onEvent(event));
  }

  /** Whether one more socket from this IP is allowed (counted until `release`). */
  admit(ip: string): boolean {
    const open = this.socketsPerIp.get(ip) ?? 0;
    if (open >= widgetLimits.socketsPerIp) return false;
    this.socketsPerIp.set(ip, open + 1);
    return true;
  }

  /** Gives back a socket slot taken by `admit`. */
  release(ip: string): void {
    const open = (this.socketsPerIp.get(ip) ?? 1) - 1;
    if (open <= 0) this.socketsPerIp.delete(ip);
    else this.socketsPerIp.set(ip, open);
  }

  /** Tracks a socket from connection to close (for account changes and shutdown). */
  opened(session: VisitorSession): void {
    this.sessions.add(session);
  }

  /** Adds a greeted session to its visitor's group; returns the group's shared visitor record. */
  join(session: VisitorSession, visitor: Visitor): Visitor {
    const key = groupKey(session.wa.account.id, visitor.id);
    const group = this.groups.get(key);
    if (group) {
      group.visitor.conversationIds = visitor.conversationIds;
      for (const id of visitor.conversationIds) this.byConversation.set(id, group);
      group.sessions.add(session);
      return group.visitor;
    }
    const created: VisitorGroup = { visitor, sessions: new Set([session]) };
    this.groups.set(key, created);
    for (const id of visitor.conversationIds) this.byConversation.set(id, created);
    return visitor;
  }

  /** Forgets a closed session; true when it was the visitor's last one here. */
  leave(session: VisitorSession): boolean {
    this.sessions.delete(session);
    this.release(session.ip);
    const visitor = session.visitor;
    if (!visitor) return false;
    const key = groupKey(session.wa.account.id, visitor.id);
    const group = this.groups.get(key);
    if (!group) return false;
    group.sessions.delete(session);
    if (group.sessions.size > 0) return false;
    this.groups.delete(key);
    for (const id of group.visitor.conversationIds) {
      if (this.byConversation.get(id) === group) this.byConversation.delete(id);
    }
    return true;
  }

  /** The visitor's first message started a conversation: route it here, and show it in their other tabs. */
  conversationStarted(from: VisitorSession, conversationId: number, message: WidgetMessage): void {
    const visitor = from.visitor;
    if (!visitor) return;
    const group = this.groups.get(groupKey(from.wa.account.id, visitor.id));
    if (!group) return;
    this.byConversation.set(conversationId, group);
    for (const s of group.sessions) if (s !== from) s.send({ type: 'message', message });
  }

  /** The visitor saved their name or email in one tab: the others learn it too. */
  profileChanged(from: VisitorSession): void {
    const visitor = from.visitor;
    if (!visitor) return;
    const group = this.groups.get(groupKey(from.wa.account.id, visitor.id));
    for (const s of group?.sessions ?? [])
      if (s !== from) s.send({ type: 'profile', visitor: visitor.profile });
  }

  /** Closes every socket (server shutdown). */
  close(): void {
    this.unsubscribe();
    for (const s of this.sessions) s.close(CLOSE.restart, 'server shutting down');
  }

  private onEvent(event: LiveEvent): void {
    if (event.type === 'channels.changed') {
      void this.dropOutdated(event.accountId).catch((error: unknown) =>
        this.services.logger.warn({ err: error }, 'could not check a changed chat account'),
      );
      return;
    }
    if (event.type !== 'message.created') return;
    const group = this.byConversation.get(event.conversationId);
    if (!group) return;
    void this.push(group, event.messageId, event.direction).catch((error: unknown) =>
      this.services.logger.warn({ err: error }, 'could not push a chat message to the widget'),
    );
  }

  /** Closes the account's sockets that were opened with settings it no longer has. */
  private async dropOutdated(accountId: number): Promise<void> {
    if (![...this.sessions].some((s) => s.wa.account.id === accountId)) return;
    const outdated = await widgetAccountCheck(this.services, accountId);
    for (const s of this.sessions) {
      if (s.wa.account.id === accountId && outdated(s.wa)) s.close(CLOSE.restart, 'chat settings changed');
    }
  }

  private async push(group: VisitorGroup, messageId: number, direction: 'inbound' | 'outbound') {
    // read through the visitor's own conversations: a message of anyone else's comes back null
    const message = await visitorMessage(this.services, group.visitor, messageId);
    if (!message) return;
    for (const s of group.sessions) {
      if (direction === 'outbound') s.answered();
      s.send({ type: 'message', message });
    }
  }
}

function groupKey(accountId: number, visitorId: string): string {
  return `${accountId}:${visitorId}`;
}
