import type { Kysely } from 'kysely';
import {
  type HistoryResolve,
  historyStatus,
  type MessageFacts,
  summarizeConversation,
} from '../domain/conversation-summary.js';
import type { IncomingMessage } from '../domain/message-format.js';
import { planThreads } from '../domain/threading.js';
import type { BulkWriter } from '../store/bulk-writer.js';
import { appendEvent, type EventActor } from '../store/events-repo.js';
import type { IngestLookups, StoredMessage } from '../store/ingest-lookups.js';
import { mergeConversations } from '../store/ingest-repo.js';
import type { Database, NewMessageRow } from '../store/schema.js';
import type { StoredTriage } from './ingest-triage.js';
import { type BatchSla, refreshSummaries } from './refresh-summaries.js';
import { clockOf } from './sla-clock.js';

/** What happened to one item of a batch. */
export interface IngestItemResult {
  index: number;
  status: 'inserted' | 'duplicate';
  messageId: number;
  conversationId: number;
}

/** Result of persisting one batch inside its transaction. */
export interface PersistedBatch {
  results: IngestItemResult[];
  touched: number[];
  /** Triage of each inserted inbound message, by batch index. */
  triaged: Map<number, StoredTriage>;
}

/**
 * Persists one validated, triaged batch: dedupe, contacts, threading, conversations and messages,
 * all set-based (a few statements per batch and channel, not per message). New conversations get
 * their summary computed in memory; conversations that already existed are re-summarised from the
 * database afterwards.
 */
export async function persistBatch(
  trx: Kysely<Database>,
  batch: {
    messages: IncomingMessage[];
    /** Called (with the batch index) only for messages that are new, so re-imports skip the scoring work. */
    triage: (m: IncomingMessage, index: number) => StoredTriage | null;
    now: number;
    sla: BatchSla;
    actor: EventActor;
    lookups: IngestLookups;
    writer: BulkWriter;
    /** An import of history: the status its conversations get (see historyStatus). */
    resolve?: HistoryResolve;
  },
): Promise<PersistedBatch> {
  const { messages, triage, now, sla, actor, lookups, writer, resolve } = batch;
  const triaged = new Map<number, StoredTriage>();
  const results: IngestItemResult[] = new Array(messages.length);
  const refresh = new Set<number>();
  const created = new Set<number>();
  const reopen = new Set<number>();
  const byChannel = new Map<string, number[]>();
  messages.forEach((m, i) => {
    const list = byChannel.get(m.channel);
    if (list) list.push(i);
    else byChannel.set(m.channel, [i]);
  });

  for (const [channel, indexes] of byChannel) {
    const stored = await lookups.storedMessages(
      channel,
      indexes.map((i) => messages[i]!.external_id),
    );
    const fresh: number[] = [];
    const firstIndexOf = new Map<string, number>();
    for (const i of indexes) {
      const m = messages[i]!;
      const prior = stored.get(m.external_id);
      if (prior)
        results[i] = {
          index: i,
          status: 'duplicate',
          messageId: prior.id,
          conversationId: prior.conversationId,
        };
      else if (!firstIndexOf.has(m.external_id)) {
        firstIndexOf.set(m.external_id, i);
        fresh.push(i);
      }
    }
    if (fresh.length === 0) continue;
    const freshMsgs = fresh.map((i) => messages[i]!);
    // Parents in this batch were just looked up: stored ones are known, fresh ones are not stored.
    const parents = new Map<string, StoredMessage>();
    const unknownParents: string[] = [];
    for (const m of freshMsgs) {
      const p = m.in_reply_to;
      if (!p || firstIndexOf.has(p)) continue;
      const known = stored.get(p);
      if (known) parents.set(p, known);
      else unknownParents.push(p);
    }
    for (const [id, m] of await lookups.storedMessages(channel, unknownParents)) parents.set(id, m);
    const groups = planThreads(
      freshMsgs.map((m) => ({
        externalId: m.external_id,
        inReplyTo: m.in_reply_to ?? null,
        threadId: m.thread_id ?? null,
      })),
      {
        storedConversationOf: new Map([...parents].map(([k, v]) => [k, v.conversationId])),
        replyConversationsOf: await lookups.replyConversations(
          channel,
          freshMsgs.map((m) => m.external_id),
        ),
        threadConversationOf: await lookups.threadConversations(
          channel,
          freshMsgs.map((m) => m.thread_id).filter((t): t is string => Boolean(t)),
        ),
      },
    );
    const contactOf = await lookups.resolveContacts(
      channel,
      freshMsgs.filter((m) => m.direction === 'inbound').map((m) => m.author),
      now,
    );
    const rowOf = new Map<string, PendingRow>();
    fresh.forEach((i, position) => {
      const t = triage(messages[i]!, i);
      if (t) triaged.set(i, t);
      rowOf.set(messages[i]!.external_id, { position, row: messageRow(messages[i]!, t, contactOf, now) });
    });

    // conversations: existing ones (merged when the batch connects several), new ones with their summary
    const conversationOf = new Map<string, number>();
    const newGroups = groups.filter((g) => g.conversations.length === 0);
    for (const g of groups) {
      const [target, ...merged] = g.conversations;
      if (target === undefined) continue;
      if (merged.length > 0) {
        await mergeConversations(trx, target, merged);
        lookups.noteMerged(target, merged);
        for (const id of merged) refresh.delete(id);
        await appendEvent(trx, {
          at: now,
          actor,
          type: 'conversation.merged',
          conversationId: target,
          data: { merged },
        });
      }
      refresh.add(target);
      for (const id of g.externalIds) {
        conversationOf.set(id, target);
        if (rowOf.get(id)!.row.direction === 'inbound') reopen.add(target);
      }
    }
    const newIds = await writer.insertConversations(
      newGroups.map((g) => {
        const facts = g.externalIds.map((id) => factsOf(rowOf.get(id)!));
        const clock = clockOf(
          sla.config,
          sla.rules,
          { channel, channel_account_id: sla.accountId, sla_history: 0, sla_pauses_json: null },
          { history: sla.history },
        );
        const summary = summarizeConversation(facts, clock);
        const status = resolve ? historyStatus(resolve, summary) : 'open';
        return { channel, threadKey: g.threadKey, now, summary, status };
      }),
    );
    newGroups.forEach((g, k) => {
      created.add(newIds[k]!);
      for (const id of g.externalIds) conversationOf.set(id, newIds[k]!);
    });

    const ids = await writer.insertMessages(
      fresh.map((i) => {
        const id = messages[i]!.external_id;
        const row = rowOf.get(id)!.row;
        row.conversation_id = conversationOf.get(id)!;
        return row;
      }),
    );
    lookups.noteInserted(
      channel,
      freshMsgs.map((m) => {
        const p = m.in_reply_to;
        return {
          externalId: m.external_id,
          id: ids.get(m.external_id)!,
          conversationId: conversationOf.get(m.external_id)!,
          danglingParent: p && !firstIndexOf.has(p) && !parents.has(p) ? p : null,
        };
      }),
    );
    for (const i of indexes) {
      if (results[i]) continue;
      const externalId = messages[i]!.external_id;
      const first = firstIndexOf.get(externalId)!;
      results[i] = {
        index: i,
        status: first === i ? 'inserted' : 'duplicate',
        messageId: ids.get(externalId)!,
        conversationId: conversationOf.get(externalId)!,
      };
    }
  }
  await refreshSummaries(lookups, writer, [...refresh], sla, now, reopen, resolve);
  return { results, touched: [...created, ...refresh], triaged };
}

/** A message row waiting for its conversation id (0 until known), with its position in the batch. */
interface PendingRow {
  position: number;
  row: NewMessageRow;
}

function messageRow(
  m: IncomingMessage,
  t: StoredTriage | null,
  contactOf: Map<string, number>,
  now: number,
): NewMessageRow {
  return {
    conversation_id: 0,
    channel: m.channel,
    external_id: m.external_id,
    direction: m.direction,
    author_external_id: m.author.id,
    author_handle: m.author.handle ?? null,
    author_name: m.author.name ?? null,
    contact_id: m.direction === 'inbound' ? (contactOf.get(m.author.id) ?? null) : null,
    sender_user_id: null,
    text: m.text,
    created_at: m.created_at,
    received_at: now,
    in_reply_to: m.in_reply_to ?? null,
    thread_id: m.thread_id ?? null,
    url: m.url ?? null,
    author_followers: m.author.followers ?? null,
    raw_json: m.raw === undefined ? null : JSON.stringify(m.raw),
    sentiment: t?.sentiment ?? null,
    sentiment_score: t?.sentimentScore ?? null,
    intent: t?.intent ?? null,
    priority: t?.priority ?? null,
    triage_json: t?.json ?? null,
    delivery_status: m.direction === 'inbound' ? 'received' : 'sent',
    delivery_error: null,
    meta_json: m.meta ? JSON.stringify(m.meta) : null,
  };
}

/** Facts of a not-yet-inserted row; its batch position stands in for the id (ids follow insert order). */
function factsOf({ position, row }: PendingRow): MessageFacts {
  return {
    id: position,
    direction: row.direction,
    created_at: row.created_at,
    sentiment: row.sentiment ?? null,
    priority: row.priority ?? null,
    intent: row.intent ?? null,
    contact_id: row.contact_id ?? null,
    preview: row.text,
    delivery_status: row.delivery_status,
  };
}
