import type { Kysely } from 'kysely';
import { listAttachmentsOf } from './channel-accounts-repo.js';
import { firstQuestions } from './conversation-questions.js';
import type { ConversationRow, ConversationStatus, Database, MessageRow, Sentiment } from './schema.js';
import { presentTriage } from './triage-view.js';

/** A conversation as the inbox shows it (camelCase, as documented in docs/API.md). */
export interface ConversationView {
  id: number;
  channel: string;
  status: ConversationStatus;
  priority: number;
  sentiment: Sentiment | null;
  snoozedUntil: number | null;
  assignee: { id: number; name: string } | null;
  contact: { id: number; name: string | null; handle: string | null } | null;
  lastMessage: { preview: string; direction: MessageRow['direction']; at: number };
  /** The email subject of the customer's first message (null for channels without subjects). */
  subject: string | null;
  waitingSince: number | null;
  replyDueAt: number | null;
  firstResponseDueAt: number | null;
  /** When it should be resolved by (its SLA policy's resolution target), if it has one. */
  resolutionDueAt: number | null;
  /** Imported history: no live SLA timers until the customer writes again. */
  history: boolean;
  firstResponseAt: number | null;
  messageCount: number;
  labels: string[];
  createdAt: number;
  updatedAt: number;
}

/**
 * Decorates conversation rows with assignee names, contact names and handles and labels, using
 * three queries for the whole page rather than three per row.
 */
export async function presentConversations(
  db: Kysely<Database>,
  rows: ConversationRow[],
): Promise<ConversationView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const userIds = [...new Set(rows.map((r) => r.assignee_id).filter((v): v is number => v !== null))];
  const contactIds = [...new Set(rows.map((r) => r.contact_id).filter((v): v is number => v !== null))];
  const users = userIds.length
    ? await db.selectFrom('users').select(['id', 'name']).where('id', 'in', userIds).execute()
    : [];
  const contacts = contactIds.length
    ? await db
        .selectFrom('contacts as c')
        .leftJoin('contact_identities as i', 'i.contact_id', 'c.id')
        .select(['c.id', 'c.name', 'i.handle', 'i.channel'])
        .where('c.id', 'in', contactIds)
        .execute()
    : [];
  const labels = await db
    .selectFrom('conversation_labels as cl')
    .innerJoin('labels as l', 'l.id', 'cl.label_id')
    .select(['cl.conversation_id', 'l.name'])
    .where('cl.conversation_id', 'in', ids)
    .execute();
  const questions = await firstQuestions(
    db,
    rows.filter((r) => r.channel === 'email').map((r) => r.id),
  );
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const labelsOf = new Map<number, string[]>();
  for (const l of labels)
    labelsOf.set(l.conversation_id, [...(labelsOf.get(l.conversation_id) ?? []), l.name]);
  const identitiesOf = new Map<number, typeof contacts>();
  for (const c of contacts) identitiesOf.set(c.id, [...(identitiesOf.get(c.id) ?? []), c]);
  return rows.map((r) => {
    const identities = (r.contact_id !== null && identitiesOf.get(r.contact_id)) || [];
    const handle = (identities.find((c) => c.channel === r.channel) ?? identities[0])?.handle ?? null;
    return {
      id: r.id,
      channel: r.channel,
      status: r.status,
      priority: r.priority,
      sentiment: r.sentiment,
      snoozedUntil: r.snoozed_until,
      assignee: r.assignee_id ? { id: r.assignee_id, name: userName.get(r.assignee_id) ?? '' } : null,
      contact: r.contact_id ? { id: r.contact_id, name: identities[0]?.name ?? null, handle } : null,
      lastMessage: {
        preview: r.last_message_preview,
        direction: r.last_message_direction,
        at: r.last_message_at,
      },
      subject: questions.get(r.id)?.subject ?? null,
      waitingSince: r.waiting_since,
      replyDueAt: r.reply_due_at,
      firstResponseDueAt: r.first_response_due_at,
      resolutionDueAt: r.resolution_due_at,
      history: r.sla_history === 1,
      firstResponseAt: r.first_response_at,
      messageCount: r.message_count,
      labels: (labelsOf.get(r.id) ?? []).sort(),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  });
}

export type { TriageView } from './triage-view.js';

/** A message as the conversation view shows it. */
export function presentMessage(m: MessageRow, senderName?: string | null) {
  const triage = presentTriage(m.triage_json);
  return {
    id: m.id,
    externalId: m.external_id,
    channel: m.channel,
    direction: m.direction,
    author: { externalId: m.author_external_id, handle: m.author_handle, name: m.author_name },
    text: m.text,
    createdAt: m.created_at,
    inReplyTo: m.in_reply_to,
    url: m.url,
    sentiment: m.sentiment,
    sentimentScore: m.sentiment_score,
    intent: m.intent,
    priority: m.priority,
    triage,
    deliveryStatus: m.delivery_status,
    deliveryError: m.delivery_error,
    sender: m.sender_user_id ? { id: m.sender_user_id, name: senderName ?? '' } : null,
    context: messageContext(m.meta_json),
  };
}

/** What an agent should see of a message's channel metadata (never its raw headers or HTML). */
export interface MessageContext {
  /** Email subject. */
  subject: string | null;
  /** Set when a listening search found the post (the brand was not tagged). */
  foundBy: 'listening' | null;
  /** The saved search that matched. */
  keyword: string | null;
  /** The post it quotes, when it is a quote-post. */
  quoteOf: string | null;
  /** Likes and reposts the brand made of it: queued, done or failed (with the reason). */
  engagements: Record<string, { status: 'queued' | 'done' | 'failed'; error: string | null }>;
}

function messageContext(metaJson: string | null): MessageContext {
  const meta = metaJson ? (JSON.parse(metaJson) as Record<string, unknown>) : {};
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.slice(0, 500) : null);
  return {
    subject: text(meta.subject),
    foundBy: meta.found_by === 'listening' ? 'listening' : null,
    keyword: text(meta.keyword),
    quoteOf: text(meta.quote_of),
    engagements: Object.fromEntries(
      Object.entries(
        (meta.engagements as Record<
          string,
          { status: 'queued' | 'done' | 'failed'; error?: string | null }
        >) ?? {},
      ).map(([action, e]) => [action, { status: e.status, error: e.error ?? null }]),
    ),
  };
}

/** A file that came with a message: downloadable at `url`, or only described when it was not kept. */
export interface AttachmentView {
  id: number;
  filename: string;
  contentType: string;
  size: number;
  omittedReason: string | null;
  url: string | null;
}

/** Everything the conversation screen needs in one read. */
export async function loadConversationDetail(db: Kysely<Database>, id: number) {
  const row = await db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const [conversation] = await presentConversations(db, [row]);
  const messages = await db
    .selectFrom('messages as m')
    .leftJoin('users as u', 'u.id', 'm.sender_user_id')
    .selectAll('m')
    .select('u.name as sender_name')
    .where('m.conversation_id', '=', id)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
  const filesOf = new Map<number, AttachmentView[]>();
  for (const a of await listAttachmentsOf(
    db,
    messages.map((m) => m.id),
  )) {
    const view: AttachmentView = {
      id: a.id,
      filename: a.filename,
      contentType: a.content_type,
      size: a.size,
      omittedReason: a.omitted_reason,
      url: a.omitted_reason ? null : `/api/v1/attachments/${a.id}`,
    };
    filesOf.set(a.message_id, [...(filesOf.get(a.message_id) ?? []), view]);
  }
  const notes = await db
    .selectFrom('notes as n')
    .innerJoin('users as u', 'u.id', 'n.author_user_id')
    .select([
      'n.id',
      'n.text',
      'n.mentions_json',
      'n.created_at',
      'u.id as author_id',
      'u.name as author_name',
    ])
    .where('n.conversation_id', '=', id)
    .orderBy('n.id')
    .execute();
  return {
    conversation: conversation!,
    messages: messages.map((m) => ({
      ...presentMessage(m, m.sender_name),
      attachments: filesOf.get(m.id) ?? [],
    })),
    notes: notes.map((n) => ({
      id: n.id,
      author: { id: n.author_id, name: n.author_name },
      text: n.text,
      mentions: JSON.parse(n.mentions_json) as number[],
      createdAt: n.created_at,
    })),
    contact: row.contact_id ? await loadContactDetail(db, row.contact_id, id) : null,
  };
}

/** Pinned insights (a JSON array of strings), shown at the top while replying. */
function parsedInsights(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

async function loadContactDetail(db: Kysely<Database>, contactId: number, currentConversation: number) {
  const contact = await db.selectFrom('contacts').selectAll().where('id', '=', contactId).executeTakeFirst();
  if (!contact) return null;
  const identities = await db
    .selectFrom('contact_identities')
    .select(['channel', 'external_id', 'handle', 'name'])
    .where('contact_id', '=', contactId)
    .orderBy('id')
    .execute();
  const past = await db
    .selectFrom('conversations')
    .select(['id', 'status', 'last_message_at', 'last_message_preview'])
    .where('contact_id', '=', contactId)
    .where('id', '!=', currentConversation)
    .orderBy('last_message_at', 'desc')
    .limit(20)
    .execute();
  const questions = await firstQuestions(
    db,
    past.map((p) => p.id),
  );
  return {
    id: contact.id,
    name: contact.name,
    lifecycle: contact.lifecycle,
    followerCount: contact.follower_count,
    insights: parsedInsights(contact.insights_json),
    identities: identities.map((i) => ({
      channel: i.channel,
      externalId: i.external_id,
      handle: i.handle,
      name: i.name,
    })),
    // what the customer asked, not the brand's last word (falls back to the last message)
    pastConversations: past.map((p) => ({
      id: p.id,
      status: p.status,
      lastMessageAt: p.last_message_at,
      preview: questions.get(p.id)?.preview ?? p.last_message_preview,
    })),
  };
}
