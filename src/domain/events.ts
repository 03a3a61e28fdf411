import { z } from 'zod';

/**
 * The catalogue of domain events: every event type Rapport appends to its event log, each with the
 * zod schema of its payload. The log is both the audit trail (who did what, when) and the durable
 * stream that listeners and live updates read. Names and payload shapes of the types that existed
 * before the catalogue are kept as they were written, so old rows still parse.
 */

/** Who did something: a user, an API token, or Rapport itself. */
export interface EventActor {
  type: 'user' | 'token' | 'system';
  id: number | null;
}

const id = z.number().int();
const messageRef = z.object({ messageId: id });
const role = z.enum(['admin', 'agent', 'viewer']);
/** Where an administrative change came from when it was not the API (setup, the CLI). */
const via = z.enum(['setup', 'cli']).optional();
const accountRef = z.object({ accountId: id });
const accountNamed = z.object({ accountId: id, channel: z.string(), name: z.string() });
const accountHealth = z.object({ accountId: id, channel: z.string(), message: z.string().nullable() });

/** One message stored by an ingest, as listeners and live updates need it (ids, not text). */
export const receivedMessageSchema = z.object({
  conversationId: id,
  messageId: id,
  direction: z.enum(['inbound', 'outbound']),
  channel: z.string(),
  /** When the message was written at its source (epoch ms). */
  createdAt: z.number(),
  sentiment: z.string().nullable(),
  priority: z.number().nullable(),
});

/** One message of a `messages.received` event. */
export type ReceivedMessage = z.infer<typeof receivedMessageSchema>;

/** A negative spike as the detector reports it (see triage/spikes.ts). */
export const negativeSpikeSchema = z.object({
  kind: z.literal('negative_spike'),
  channel: z.string(),
  at: z.number(),
  count: z.number(),
  windowMs: z.number(),
  baseline: z.number(),
});

/**
 * How long rows of a type are kept: 'audit' rows forever (they are the trail of who did what);
 * 'system' rows are high-volume machine records, pruned after RAPPORT_EVENT_RETENTION_DAYS once
 * every listener has passed them.
 */
export type EventRetention = 'audit' | 'system';

interface EventSpec {
  data: z.ZodType;
  retention: EventRetention;
}

const audit = <S extends z.ZodType>(data: S) => ({ data, retention: 'audit' as const });
const system = <S extends z.ZodType>(data: S) => ({ data, retention: 'system' as const });

/** Every event type with its payload schema and retention, listed by hand. */
export const eventCatalogue = {
  // ingest
  /** An ingest call stored or skipped messages (counts only; kept for the audit of imports and API calls). */
  'messages.ingested': system(z.object({ inserted: z.number().int(), duplicates: z.number().int() })),
  /** The messages an ingest inserted and the conversations it created or changed. */
  'messages.received': system(
    z.object({ messages: z.array(receivedMessageSchema), conversations: z.array(id) }),
  ),
  /** A late parent joined conversations: `merged` were folded into the event's conversation. */
  'conversation.merged': audit(z.object({ merged: z.array(id) })),
  // conversation actions
  'conversation.status': audit(
    z.object({
      status: z.enum(['open', 'pending', 'snoozed', 'resolved']),
      snoozedUntil: z.number().nullable(),
    }),
  ),
  /**
   * Who owns a conversation now. Routing also names the team queue it waits in (`teamId`) and why
   * (`reason`); a re-assignment names the owner it was taken from (`fromId`).
   */
  'conversation.assigned': audit(
    z.object({
      assigneeId: id.nullable(),
      teamId: id.nullable().optional(),
      fromId: id.nullable().optional(),
      reason: z.enum(['routing', 'reassigned']).optional(),
    }),
  ),
  'conversation.labels': audit(z.object({ add: z.array(z.string()), remove: z.array(z.string()) })),
  'note.created': audit(z.object({ noteId: id, mentions: z.array(id) })),
  /** A teammate corrected the triage of a message (only the corrected fields are present). */
  'message.triage_corrected': audit(
    z.object({
      messageId: id,
      sentiment: z.string().optional(),
      intent: z.string().optional(),
      complaintType: z.string().optional(),
      urgency: z.array(z.string()).optional(),
      language: z.string().optional(),
    }),
  ),
  // replies and engagement
  /** A reply was written and queued for sending. */
  'message.replied': audit(
    messageRef.extend({
      /** The reason the agent gave for moving the customer to a private channel (the reply check). */
      shuntReason: z.enum(['account_details', 'legal', 'privacy']).optional(),
      /** Codes of the check's findings the reply went out with (warnings, or a shunt with a reason). */
      findings: z.array(z.string()).optional(),
    }),
  ),
  /** A failed reply was queued again by hand. */
  'message.retry': audit(messageRef),
  /** The channel accepted a reply. */
  'reply.sent': audit(z.object({ messageId: id, externalId: z.string() })),
  // people
  /** Contact `sourceId` was merged into `targetId` (merge `mergeId`, undone by contact.unmerged). */
  'contact.merged': audit(z.object({ mergeId: id, targetId: id, sourceId: id, reason: z.string() })),
  /** Merge `mergeId` was undone: what it moved is back with `sourceId`. */
  'contact.unmerged': audit(z.object({ mergeId: id, targetId: id, sourceId: id })),
  /** An identity's claimed address was confirmed (by a reply from it, or by a teammate). */
  'contact.email_confirmed': audit(
    z.object({ identityId: id, contactId: id, mergeId: id.nullable(), via: z.enum(['reply', 'team']) }),
  ),
  /** A person was erased on request: what was removed, as counts (nothing that names them). */
  'contact.erased': audit(
    z.object({
      contactId: id,
      contacts: z.array(id),
      conversations: z.number().int(),
      messages: z.number().int(),
      identities: z.number().int(),
    }),
  ),
  /** Contacts were imported from CSV. */
  'contacts.imported': audit(
    z.object({ created: z.number().int(), updated: z.number().int(), rejected: z.number().int() }),
  ),
  /** Everything stored about a person was exported (a subject access request). */
  'contact.exported': audit(z.object({ contactId: id })),
  /** A contact's profile or stage changed (fields named, values not repeated). */
  'contact.updated': audit(z.object({ contactId: id, fields: z.array(z.string()) })),
  /** A send attempt failed: it waits (paused account), will be retried, or failed for good. */
  'reply.failed': audit(
    z.object({
      messageId: id,
      fate: z.enum(['waiting', 'retrying', 'failed']),
      reason: z.string(),
      attempt: z.number().int(),
    }),
  ),
  /** A delivered email reply bounced. */
  'message.bounced': audit(z.object({ messageId: id, reason: z.string() })),
  'message.like': audit(messageRef),
  'message.repost': audit(messageRef),
  /** A like or repost went through, failed, or waits. */
  'engagement.settled': audit(
    z.object({
      messageId: id,
      action: z.enum(['like', 'repost']),
      status: z.enum(['queued', 'done', 'failed']),
    }),
  ),
  // channels
  'channel.added': audit(accountNamed),
  'channel.updated': audit(
    z.object({ accountId: id, settings: z.array(z.string()), secrets: z.array(z.string()) }),
  ),
  'channel.paused': audit(accountRef),
  'channel.resumed': audit(accountRef),
  'channel.removed': audit(accountNamed),
  'channel.broken': audit(accountHealth),
  'channel.recovered': audit(accountHealth),
  // alerts
  'alert.negative_spike': audit(negativeSpikeSchema),
  /** An alert went out (alerts listener, SLA sweep) to `userIds` at escalation `level` (0: first). */
  'alert.raised': audit(
    z.object({ alertId: id, kind: z.string(), level: z.number().int(), userIds: z.array(id) }),
  ),
  /** Someone acknowledged an alert: its escalation stops. */
  'alert.acknowledged': audit(z.object({ alertId: id, userId: id.nullable(), via: z.enum(['api', 'push']) })),
  /** A routing rule asks for people to be told about a conversation (none named: the usual recipients). */
  // users, tokens, sign-in
  'user.created': audit(z.object({ userId: id, role, via })),
  'user.updated': audit(
    z.object({
      userId: id,
      name: z.string().optional(),
      role: role.optional(),
      disabled: z.boolean().optional(),
      via,
    }),
  ),
  'user.password_changed': audit(z.object({ userId: id, via })),
  'token.created': audit(z.object({ tokenId: id, role, userId: id.nullable(), via })),
  'token.revoked': audit(z.object({ tokenId: id, via })),
  'auth.login': audit(z.object({ ip: z.string() })),
  /** An SLA policy or a set of business hours was added, changed or removed (due times follow). */
  /** An admin changed the settings of the check before sending (issue 14). */
  'reply_checks.changed': audit(
    z.object({ requireSignature: z.boolean(), confidentialTerms: z.number().int() }),
  ),
  'sla.changed': audit(
    z.object({
      what: z.enum(['policy', 'business_hours']),
      id,
      action: z.enum(['created', 'updated', 'deleted']),
      name: z.string(),
    }),
  ),
  // routing (teams, presence, rules)
  /** A team, its members or skills were added, changed or removed. */
  'team.changed': audit(
    z.object({ teamId: id, action: z.enum(['created', 'updated', 'deleted']), name: z.string() }),
  ),
  /** A person said whether they take new conversations (and how many they can hold). */
  'presence.changed': audit(
    z.object({
      userId: id,
      status: z.enum(['online', 'away', 'off_shift']),
      capacity: z.number().int().nullable(),
    }),
  ),
  /** A routing rule was added, changed or removed (or the ready defaults installed). */
  'routing.rule_changed': audit(
    z.object({ ruleId: id, action: z.enum(['created', 'updated', 'deleted']), name: z.string() }),
  ),
  /** Routing rules matched a customer message and were applied to its conversation. */
  'routing.applied': audit(
    z.object({
      messageId: id,
      rules: z.array(z.object({ id, name: z.string() })),
      teamId: id.nullable(),
      assigneeId: id.nullable(),
      labels: z.array(z.string()),
      priority: z.number().int().nullable(),
      approvalRequired: z.boolean(),
    }),
  ),
  /**
   * A routing rule asks for people to be told about a conversation (alert delivery listens): who
   * (`userIds`, teams already expanded to their members), and what (the message, its channel and
   * triage, the rule that asked).
   */
  'routing.notify': audit(
    z.object({
      messageId: id,
      ruleId: id,
      ruleName: z.string(),
      userIds: z.array(id),
      teamIds: z.array(id),
      channel: z.string(),
      sentiment: z.string().nullable(),
      intent: z.string().nullable(),
    }),
  ),
  // replying well (issue 14)
  /** A playbook or a saved reply was added, changed or removed (or the defaults installed). */
  'playbook.changed': audit(
    z.object({
      what: z.enum(['playbook', 'saved_reply', 'defaults']),
      id: id.nullable(),
      action: z.enum(['created', 'updated', 'deleted', 'installed']),
      name: z.string(),
    }),
  ),
  /** A reply was held for a reviewer's approval (an alerts listener can tell reviewers). */
  'reply.held': audit(
    z.object({
      approvalId: id,
      authorUserId: id,
      reasons: z.array(z.enum(['in_training', 'conversation'])),
    }),
  ),
  /** A reviewer approved a held reply (edited or not): it is queued for sending. */
  'reply.approved': audit(z.object({ approvalId: id, messageId: id, edited: z.boolean() })),
  /** A reviewer sent a held reply back to its author with a comment. */
  'reply.returned': audit(z.object({ approvalId: id, comment: z.string() })),
  /** An admin changed whether a person is in training or a reviewer. */
  'user.approval_flags': audit(
    z.object({ userId: id, inTraining: z.boolean().optional(), reviewer: z.boolean().optional() }),
  ),
  'auth.login_failed': audit(
    z.object({
      email: z.string(),
      reason: z.enum(['unknown_email', 'wrong_password', 'disabled']),
      ip: z.string(),
    }),
  ),
} satisfies Record<string, EventSpec>;

/** The name of a catalogued event type. */
export type EventType = keyof typeof eventCatalogue;

/** The payload of one event type. */
export type EventData<T extends EventType> = z.infer<(typeof eventCatalogue)[T]['data']>;

/** What every stored event carries besides its type and payload. */
export interface EventEnvelope {
  /** Position in the log (unique, increasing). */
  id: number;
  /** PostgreSQL: the writing transaction's id (the stream is ordered by (tx, id)); SQLite: 0. */
  tx: number;
  at: number;
  actor: EventActor;
  conversationId: number | null;
}

/** A stored event of a given type, payload typed. */
export type EventOf<T extends EventType> = T extends EventType
  ? EventEnvelope & { known: true; type: T; data: EventData<T> }
  : never;

/** Any catalogued event, discriminated by `type` (narrow on `known` first when reading raw rows). */
export type DomainEvent = EventOf<EventType>;

/**
 * A stored row whose type is not (or no longer) catalogued, or whose payload does not match its
 * schema (written before the catalogue): still readable, just not typed.
 */
export type UntypedEvent = EventEnvelope & { known: false; type: string; data: unknown };

/** Any row of the event log. */
export type StoredEvent = DomainEvent | UntypedEvent;

/** Whether a name is a catalogued event type. */
export function isEventType(type: string): type is EventType {
  return Object.hasOwn(eventCatalogue, type);
}

/** Validates a payload against its type's schema; returns the problems, or null when it is valid. */
export function eventDataProblems(type: EventType, data: unknown): string | null {
  const parsed = eventCatalogue[type].data.safeParse(data);
  if (parsed.success) return null;
  return parsed.error.issues
    .map((i) => `${i.path.map(String).join('.') || '(data)'}: ${i.message}`)
    .join('; ');
}

/**
 * Turns a stored row's parts into an event: typed when its type is catalogued and its payload
 * matches, untyped otherwise. The payload is kept as stored (the schema only checks it).
 */
export function toStoredEvent(envelope: EventEnvelope, type: string, data: unknown): StoredEvent {
  if (isEventType(type) && eventCatalogue[type].data.safeParse(data).success) {
    return { ...envelope, known: true, type, data } as DomainEvent;
  }
  return { ...envelope, known: false, type, data };
}

/** Types whose rows may be pruned after the retention period (never the audit trail). */
export const prunableEventTypes: EventType[] = (Object.keys(eventCatalogue) as EventType[]).filter(
  (t) => eventCatalogue[t].retention === 'system',
);
