import type { Kysely } from 'kysely';
import { previewOf, summarizeConversation } from '../domain/conversation-summary.js';
import type { IncomingMessage } from '../domain/message-format.js';
import { responsePolicy } from '../domain/sla.js';
import { planThreads } from '../domain/threading.js';
import { resolveContacts } from '../store/contacts-repo.js';
import { appendEvent, type EventActor } from '../store/events-repo.js';
import {
  createConversation,
  findReplyConversations,
  findStoredMessages,
  findThreadConversations,
  insertMessages,
  loadMessageFacts,
  mergeConversations,
} from '../store/ingest-repo.js';
import type { Database, NewMessageRow } from '../store/schema.js';
import { isUniqueViolation } from '../store/sql-errors.js';
import type { TriageResult } from '../triage/types.js';
import type { Services } from './services.js';

/** What happened to one item of a batch. */
export interface IngestItemResult {
  index: number;
  status: 'inserted' | 'duplicate';
  messageId: number;
  conversationId: number;
}

/** The outcome of one ingest call. */
export interface IngestReport {
  results: IngestItemResult[];
  inserted: number;
  duplicates: number;
  /** Conversations created or changed, for live updates. */
  touchedConversations: number[];
}

/**
 * The one ingest pipeline every channel, the API and import use: dedupe on (channel, external id),
 * resolve contacts, thread, triage, persist everything in one transaction, then publish live events.
 * Idempotent: re-sending any message changes nothing and reports it as a duplicate.
 */
export async function ingestMessages(
  services: Services,
  messages: IncomingMessage[],
  actor: EventActor,
): Promise<IngestReport> {
  if (messages.length === 0) return { results: [], inserted: 0, duplicates: 0, touchedConversations: [] };
  const triaged = triageInbound(services, messages);
  let attempt = 0;
  while (true) {
    try {
      const report = await services.db.kysely
        .transaction()
        .execute((trx) => persistBatch(services, trx, messages, triaged, actor));
      publish(services, report, messages);
      return report;
    } catch (error) {
      // A concurrent writer (another process on PostgreSQL) stored one of these first: retry, and
      // the dedupe step will now see it.
      attempt += 1;
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}

function triageInbound(services: Services, messages: IncomingMessage[]): (TriageResult | null)[] {
  const triager = services.triage.current();
  return messages.map((m) =>
    m.direction === 'inbound'
      ? triager.triage({ text: m.text, channel: m.channel, authorFollowers: m.author.followers ?? null })
      : null,
  );
}

async function persistBatch(
  services: Services,
  trx: Kysely<Database>,
  messages: IncomingMessage[],
  triaged: (TriageResult | null)[],
  actor: EventActor,
): Promise<IngestReport> {
  const now = services.clock.now();
  const results: IngestItemResult[] = new Array(messages.length);
  const touched = new Set<number>();
  const reopen = new Set<number>();
  const byChannel = new Map<string, number[]>();
  messages.forEach((m, i) => {
    const list = byChannel.get(m.channel) ?? [];
    list.push(i);
    byChannel.set(m.channel, list);
  });
  const policy = responsePolicy(
    services.config.RAPPORT_SLA_NEGATIVE_MINUTES,
    services.config.RAPPORT_SLA_DEFAULT_MINUTES,
  );

  for (const [channel, indexes] of byChannel) {
    const stored = await findStoredMessages(
      trx,
      channel,
      indexes.map((i) => messages[i]!.external_id),
    );
    const fresh: number[] = [];
    const firstIndexOf = new Map<string, number>();
    for (const i of indexes) {
      const m = messages[i]!;
      const prior = stored.get(m.external_id);
      if (prior) {
        results[i] = {
          index: i,
          status: 'duplicate',
          messageId: prior.id,
          conversationId: prior.conversationId,
        };
      } else if (firstIndexOf.has(m.external_id)) {
        results[i] = { index: i, status: 'duplicate', messageId: -1, conversationId: -1 };
      } else {
        firstIndexOf.set(m.external_id, i);
        fresh.push(i);
      }
    }
    if (fresh.length === 0) continue;
    const freshMsgs = fresh.map((i) => messages[i]!);

    const parentIds = freshMsgs.map((m) => m.in_reply_to).filter((p): p is string => Boolean(p));
    const parents = await findStoredMessages(trx, channel, parentIds);
    const replies = await findReplyConversations(
      trx,
      channel,
      freshMsgs.map((m) => m.external_id),
    );
    const threads = await findThreadConversations(
      trx,
      channel,
      freshMsgs.map((m) => m.thread_id).filter((t): t is string => Boolean(t)),
    );
    const groups = planThreads(
      freshMsgs.map((m) => ({
        externalId: m.external_id,
        inReplyTo: m.in_reply_to ?? null,
        threadId: m.thread_id ?? null,
      })),
      {
        storedConversationOf: new Map([...parents].map(([k, v]) => [k, v.conversationId])),
        replyConversationsOf: replies,
        threadConversationOf: threads,
      },
    );

    const contactOf = await resolveContacts(
      trx,
      channel,
      freshMsgs.filter((m) => m.direction === 'inbound').map((m) => m.author),
      now,
    );

    const conversationOf = new Map<string, number>();
    for (const g of groups) {
      let target = g.conversations[0];
      if (target === undefined) {
        target = await createConversation(trx, { channel, threadKey: g.threadKey, now });
      } else if (g.conversations.length > 1) {
        const merged = g.conversations.slice(1);
        await mergeConversations(trx, target, merged);
        for (const id of merged) touched.delete(id);
        await appendEvent(trx, {
          at: now,
          actor,
          type: 'conversation.merged',
          conversationId: target,
          data: { merged },
        });
      }
      touched.add(target);
      for (const id of g.externalIds) conversationOf.set(id, target);
    }

    const rows: NewMessageRow[] = fresh.map((i) => {
      const m = messages[i]!;
      const t = triaged[i] ?? null;
      const conversationId = conversationOf.get(m.external_id)!;
      if (m.direction === 'inbound') reopen.add(conversationId);
      return {
        conversation_id: conversationId,
        channel,
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
        triage_json: t
          ? JSON.stringify({
              urgency: t.urgency,
              complaintType: t.complaintType,
              explanation: t.explanation,
              model: t.model,
            })
          : null,
        delivery_status: m.direction === 'inbound' ? 'received' : 'sent',
        delivery_error: null,
      };
    });
    const ids = await insertMessages(trx, rows);
    for (const i of fresh) {
      const m = messages[i]!;
      results[i] = {
        index: i,
        status: 'inserted',
        messageId: ids.get(m.external_id)!,
        conversationId: conversationOf.get(m.external_id)!,
      };
    }
    // in-batch duplicates point at the first copy
    for (const i of indexes) {
      const r = results[i]!;
      if (r.messageId === -1) {
        const first = results[firstIndexOf.get(messages[i]!.external_id)!]!;
        results[i] = { ...r, messageId: first.messageId, conversationId: first.conversationId };
      }
    }
  }

  await refreshSummaries(trx, [...touched], policy, now, reopen);
  const inserted = results.filter((r) => r.status === 'inserted').length;
  if (actor.type !== 'system' || inserted > 0) {
    await appendEvent(trx, {
      at: now,
      actor,
      type: 'messages.ingested',
      data: { inserted, duplicates: results.length - inserted },
    });
  }
  return { results, inserted, duplicates: results.length - inserted, touchedConversations: [...touched] };
}

/** Recomputes the summary of each conversation from its messages (and reopens it on new inbound). */
export async function refreshSummaries(
  trx: Kysely<Database>,
  conversationIds: number[],
  policy: ReturnType<typeof responsePolicy>,
  now: number,
  reopen: Set<number> = new Set(),
) {
  const facts = await loadMessageFacts(trx, conversationIds);
  for (const id of conversationIds) {
    const list = facts.get(id);
    if (!list || list.length === 0) continue;
    const summary = summarizeConversation(
      list.map((f) => ({ ...f, preview: previewOf(f.preview) })),
      policy,
    );
    let update = trx.updateTable('conversations').set({ ...summary, updated_at: now });
    if (reopen.has(id)) {
      update = update.set({ status: 'open', snoozed_until: null });
    }
    await update.where('id', '=', id).execute();
  }
}

function publish(services: Services, report: IngestReport, messages: IncomingMessage[]) {
  if (services.live.size === 0) return;
  for (const r of report.results) {
    if (r.status !== 'inserted') continue;
    const m = messages[r.index]!;
    services.live.publish({
      type: 'message.created',
      conversationId: r.conversationId,
      messageId: r.messageId,
      direction: m.direction,
      sentiment: null,
      priority: null,
    });
  }
  for (const id of report.touchedConversations) {
    services.live.publish({ type: 'conversation.updated', conversationId: id, reason: 'message' });
  }
}
