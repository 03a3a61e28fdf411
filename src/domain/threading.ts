/** A new message of one channel, as far as threading cares. */
export interface ThreadingMessage {
  externalId: string;
  inReplyTo: string | null;
  threadId: string | null;
}

/** What the store already knows about the batch's neighbours (all for one channel). */
export interface ThreadingContext {
  /** Stored message external id → its conversation (parents the batch replies to). */
  storedConversationOf: Map<string, number>;
  /** New message external id → conversations holding stored replies to it (late parents). */
  replyConversationsOf: Map<string, Set<number>>;
  /** Channel thread id → the conversation already keyed by it. */
  threadConversationOf: Map<string, number>;
}

/** One resulting conversation: which new messages go in, which stored conversations fold into it. */
export interface ThreadGroup {
  externalIds: string[];
  /**
   * Existing conversations connected to these messages, newest (highest id) first; the first is kept,
   * the rest merge into it. Keeping the highest means merges delete only lower ids, and SQLite (whose
   * new rowids are max + 1) never gives a merged-away id to a new conversation.
   */
  conversations: number[];
  /** Thread id for a newly created conversation. */
  threadKey: string | null;
}

class UnionFind {
  private readonly parent = new Map<string, string>();
  find(x: string): string {
    let root = x;
    while (true) {
      const p = this.parent.get(root);
      if (p === undefined || p === root) break;
      root = p;
    }
    let cur = x;
    while (cur !== root) {
      const next = this.parent.get(cur) ?? root;
      this.parent.set(cur, root);
      cur = next;
    }
    if (!this.parent.has(root)) this.parent.set(root, root);
    return root;
  }
  union(a: string, b: string) {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
}

/**
 * Groups a batch into conversations: a message joins the conversation of the message it replies to,
 * of stored replies to it, and of its channel thread id; everything connected becomes one
 * conversation. Because it works on connectivity, not arrival order, a parent that arrives after its
 * reply pulls them together, and any arrival order yields the same partition.
 */
export function planThreads(messages: ThreadingMessage[], ctx: ThreadingContext): ThreadGroup[] {
  const uf = new UnionFind();
  const inBatch = new Set(messages.map((m) => m.externalId));
  for (const m of messages) {
    const node = `m:${m.externalId}`;
    uf.find(node);
    if (m.inReplyTo) {
      if (inBatch.has(m.inReplyTo)) uf.union(node, `m:${m.inReplyTo}`);
      const stored = ctx.storedConversationOf.get(m.inReplyTo);
      if (stored !== undefined) uf.union(node, `c:${stored}`);
    }
    for (const conv of ctx.replyConversationsOf.get(m.externalId) ?? []) uf.union(node, `c:${conv}`);
    if (m.threadId) {
      uf.union(node, `t:${m.threadId}`);
      const conv = ctx.threadConversationOf.get(m.threadId);
      if (conv !== undefined) uf.union(node, `c:${conv}`);
    }
  }
  const groups = new Map<string, { ids: string[]; convs: Set<number>; threadKey: string | null }>();
  for (const m of messages) {
    const root = uf.find(`m:${m.externalId}`);
    const g = groups.get(root) ?? { ids: [], convs: new Set<number>(), threadKey: null };
    g.ids.push(m.externalId);
    if (!g.threadKey && m.threadId) g.threadKey = m.threadId;
    groups.set(root, g);
  }
  const convNodes = new Set<number>([
    ...ctx.storedConversationOf.values(),
    ...[...ctx.replyConversationsOf.values()].flatMap((s) => [...s]),
    ...ctx.threadConversationOf.values(),
  ]);
  for (const conv of convNodes) {
    const g = groups.get(uf.find(`c:${conv}`));
    if (g) g.convs.add(conv);
  }
  return [...groups.values()].map((g) => ({
    externalIds: g.ids,
    conversations: [...g.convs].sort((a, b) => b - a),
    threadKey: g.threadKey,
  }));
}
