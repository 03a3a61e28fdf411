import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ConversationStatus, DeliveryStatus, Direction } from '../domain/conversation-words.js';
import type { Role } from '../domain/roles.js';

/**
 * Table shapes as Kysely sees them, identical on SQLite and PostgreSQL. Times are epoch
 * milliseconds (bigint in PostgreSQL, parsed back to numbers); booleans are 0/1 integers; JSON is text.
 */
export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  disabled: Generated<number>;
  created_at: number;
  /** Personal settings as JSON (see domain/preferences.ts); '{}' until the person changes one. */
  preferences_json: Generated<string>;
  /** 1: this person's replies are held for approval (migration 013; admins set it). */
  in_training: Generated<number>;
  /** 1: this person may approve held replies besides the admins (migration 013). */
  reviewer: Generated<number>;
  /** The sign-off this person offers under replies (migration 013). */
  signature: Generated<string | null>;
  /** The name this person replies as, per channel: JSON {channel: name} (migration 013). */
  display_names_json: Generated<string>;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  prefix: string;
  user_id: number | null;
  role: Role;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface ChannelAccountsTable {
  id: Generated<number>;
  channel: string;
  name: string;
  settings_json: string;
  secrets_enc: string | null;
  status: 'active' | 'paused' | 'broken';
  status_message: string | null;
  created_at: number;
  updated_at: number | null;
}

/** Durable per-account key/value state of a channel connector (cursors, last seen UIDs). */
export interface ChannelAccountStateTable {
  account_id: number;
  key: string;
  value: string;
  updated_at: number;
}

/** A file that came with a message; data is null when it was over the size cap (reason says why). */
export interface AttachmentsTable {
  id: Generated<number>;
  message_id: number;
  filename: string;
  content_type: string;
  size: number;
  data: Buffer | null;
  omitted_reason: string | null;
  created_at: number;
}

/** One day's audience figures of a brand account (for audience-growth reporting). */
export interface AudienceSnapshotsTable {
  account_id: number;
  day: string;
  followers: number;
  following: number | null;
  posts: number | null;
  recorded_at: number;
}

export interface ContactsTable {
  id: Generated<number>;
  name: string | null;
  lifecycle: 'prospect' | 'customer' | 'advocate' | 'former';
  follower_count: number | null;
  created_at: number;
  updated_at: number;
  /** The contact this one was merged into (migration 008); merged contacts are hidden until un-merged. */
  merged_into: Generated<number | null>;
  /** What the person asked to be called, and whether they confirmed it (never guessed). */
  preferred_name: Generated<string | null>;
  preferred_name_confirmed: Generated<number>;
  name_pronunciation: Generated<string | null>;
  pronouns: Generated<string | null>;
  language: Generated<string | null>;
  time_zone: Generated<string | null>;
  company: Generated<string | null>;
  /** Custom fields, a JSON object of strings. */
  custom_json: Generated<string>;
  /** Pinned insights, a JSON array of strings, shown while replying. */
  insights_json: Generated<string>;
  journey_stage: Generated<string | null>;
  /** 1 when the person asked not to be reached out to (Today leaves them out). */
  opted_out: Generated<number>;
  /** When the person was erased on request (migration 012): the row stays, anonymous. */
  erased_at: Generated<number | null>;
}

export interface ContactIdentitiesTable {
  id: Generated<number>;
  contact_id: number;
  channel: string;
  external_id: string;
  handle: string | null;
  name: string | null;
  created_at: number;
  /** The address this identity proves (a mail's sender) or claims (a chat visitor's), lowercased. */
  email: Generated<string | null>;
  email_confirmed: Generated<number>;
  /** New identities on the same channel with this key join this identity's contact (identity-keys.ts). */
  handle_key: Generated<string | null>;
}

/** A note the team keeps about a person (not about one conversation). */
export interface ContactNotesTable {
  id: Generated<number>;
  contact_id: number;
  author_user_id: number | null;
  text: string;
  created_at: number;
}

/** Something the team did with a person outside the channels: a call, a visit, a card, a gift, a meeting. */
export interface ContactInteractionsTable {
  id: Generated<number>;
  contact_id: number;
  kind: string;
  user_id: number | null;
  at: number;
  note: string;
  created_at: number;
}

/** A date that matters to a person, every year: birthday, customer since, or one of their own. */
export interface ContactOccasionsTable {
  id: Generated<number>;
  contact_id: number;
  kind: string;
  label: string | null;
  month: number;
  day: number;
  year: number | null;
  remind_days_before: number;
  created_at: number;
}

/** One change of a person's lifecycle or journey stage, with why. */
export interface ContactStageChangesTable {
  id: Generated<number>;
  contact_id: number;
  kind: 'lifecycle' | 'journey';
  from_stage: string | null;
  to_stage: string | null;
  reason: string | null;
  user_id: number | null;
  at: number;
}

/** A merge of `source_id` into `target_id` and what it moved (JSON), so un-merge puts it back. */
export interface ContactMergesTable {
  id: Generated<number>;
  target_id: number;
  source_id: number;
  moved_json: string;
  reason: string;
  actor_type: 'user' | 'token' | 'system';
  actor_id: number | null;
  at: number;
  undone_at: number | null;
}

/**
 * A mail sent to an address a chat visitor gave (its Message-ID): a reply to it from that address
 * confirms the address is the visitor's.
 */
export interface ContactEmailProofsTable {
  message_id: string;
  identity_id: number;
  email: string;
  created_at: number;
}

/** What the team did with one Today suggestion: dismissed or done (for good) or snoozed until a time. */
export interface TodayActionsTable {
  item_key: string;
  contact_id: number;
  action: 'dismissed' | 'done' | 'snoozed';
  until: number | null;
  user_id: number | null;
  at: number;
}

/** A contact's advocate score and churn risk, kept by the people-scores listener (migration 012). */
export interface ContactScoresTable {
  contact_id: number;
  advocate_score: number;
  /** The counts the scores came from (domain/people-scores.ts `ScoreSignals`), JSON. */
  signals_json: string;
  churn_risk: number;
  churn_reasons_json: string;
  last_contact_at: number | null;
  updated_at: number;
}

/** A saved filter of the people list (migration 012). */
export interface ContactSegmentsTable {
  id: Generated<number>;
  name: string;
  filter_json: string;
  created_by: number | null;
  created_at: number;
  updated_at: number;
}

export type { ConversationStatus };
export type Sentiment = 'negative' | 'neutral' | 'positive';

export interface ConversationsTable {
  id: Generated<number>;
  channel: string;
  thread_key: string | null;
  contact_id: number | null;
  status: ConversationStatus;
  assignee_id: number | null;
  snoozed_until: number | null;
  priority: number;
  sentiment: Sentiment | null;
  first_inbound_at: number | null;
  first_response_at: number | null;
  first_response_due_at: number | null;
  waiting_since: number | null;
  reply_due_at: number | null;
  last_message_at: number;
  last_message_preview: string;
  last_message_direction: Direction;
  message_count: number;
  created_at: number;
  updated_at: number;
  /** The connected account replies go out through; null for import/API-only channels. */
  channel_account_id: Generated<number | null>;
  /** 1 for imported history: no live timers, ranked below live conversations (migration 009). */
  sla_history: Generated<number>;
  /** When it should be resolved by, from its first message's SLA policy (migration 009). */
  resolution_due_at: Generated<number | null>;
  /** Snoozes the clock stood still for: JSON [[from, to], …] (migration 009). */
  sla_pauses_json: Generated<string | null>;
  /** The team whose queue it waits in, set by routing (migration 010). */
  team_id: Generated<number | null>;
  /** 1 when a routing rule asked for a reply to be approved before it goes out (migration 010). */
  approval_required: Generated<number>;
}

/** A saved reply, inserted with `/shortcut` in the composer (migration 013). */
export interface SavedRepliesTable {
  id: Generated<number>;
  shortcut: string;
  title: string;
  body: string;
  created_by: number | null;
  created_at: number;
  updated_at: number;
}

/** The team's plan for one complaint type (and intent; '' is any) (migration 013). */
export interface PlaybooksTable {
  id: Generated<number>;
  complaint_type: string;
  intent: Generated<string>;
  name: string;
  /** The plan's fields as JSON (domain/playbooks.ts `PlaybookPlan`). */
  plan_json: string;
  saved_reply_ids_json: Generated<string>;
  created_at: number;
  updated_at: number;
}

/** A reply held until a reviewer approves it (migration 013). */
export interface ReplyApprovalsTable {
  id: Generated<number>;
  conversation_id: number;
  /** Null for an API token that acts for nobody. */
  author_user_id: number | null;
  author_name: string;
  /** The text that will be sent (the reviewer may edit it). */
  text: string;
  /** The text as the author submitted it. */
  submitted_text: string;
  reasons_json: string;
  /** The saved reply the author inserted: JSON {id, insertedText}. */
  template_json: string | null;
  status: 'pending' | 'approved' | 'returned';
  comment: string | null;
  decided_by: number | null;
  decided_at: number | null;
  message_id: number | null;
  created_at: number;
}

/** One reply that used a saved reply: what was inserted and what was sent to whom (migration 013). */
export interface SavedReplyUsesTable {
  id: Generated<number>;
  saved_reply_id: number;
  user_id: number | null;
  conversation_id: number;
  customer_key: string;
  inserted_text: string;
  sent_text: string;
  unedited: number;
  day: string;
  message_id: number | null;
  approval_id: number | null;
  at: number;
}

/** The first customer a saved reply went to unedited on a day (migration 013). */
export interface SavedReplyClaimsTable {
  saved_reply_id: number;
  day: string;
  customer_key: string;
  at: number;
}

/** Business hours: a time zone, a weekly schedule and holidays (migration 009). */
export interface BusinessHoursTable {
  id: Generated<number>;
  name: string;
  time_zone: string;
  /** {"mon": [{"start": "09:00", "end": "17:00"}], …} */
  weekly_json: string;
  /** ["2026-12-25", …] */
  holidays_json: string;
  created_at: number;
  updated_at: number;
}

/** An SLA policy; the lowest position that matches a message wins (migration 009). */
export interface SlaPoliciesTable {
  id: Generated<number>;
  name: string;
  position: number;
  conditions_json: string;
  first_response_minutes: number;
  next_response_minutes: number;
  resolution_minutes: number | null;
  /** Null: the targets count every minute (24/7). */
  business_hours_id: number | null;
  created_at: number;
  updated_at: number;
}

/** A team: who is in it and what it knows; the pointer keeps round-robin fair (migration 010). */
export interface TeamsTable {
  id: Generated<number>;
  name: string;
  description: Generated<string>;
  /** ["billing", …] */
  skills_json: Generated<string>;
  /** The member the team gave its last conversation to (round-robin continues after them). */
  last_assigned_user_id: Generated<number | null>;
  created_at: number;
  updated_at: number;
}

/** A person in a team, with their skills there (migration 010). */
export interface TeamMembersTable {
  team_id: number;
  user_id: number;
  skills_json: Generated<string>;
}

/** Whether a person takes new conversations, and how many open ones they can hold (migration 010). */
export interface UserPresenceTable {
  user_id: number;
  status: 'online' | 'away' | 'off_shift';
  /** Most open conversations at once; null: no limit. */
  capacity: number | null;
  updated_at: number;
}

/** An ordered routing rule (migration 010): the lowest position that matches is applied first. */
export interface RoutingRulesTable {
  id: Generated<number>;
  name: string;
  position: number;
  enabled: Generated<number>;
  /** 1: evaluation goes on to the next rules after this one matched. */
  continue_after: Generated<number>;
  conditions_json: string;
  actions_json: string;
  created_at: number;
  updated_at: number;
}

/** The workspace's settings of the check before sending: one row, id 1 (migration 014). */
export interface ReplyCheckSettingsTable {
  id: number;
  settings_json: string;
  updated_at: number;
  updated_by: number | null;
}

export interface MessagesTable {
  id: Generated<number>;
  conversation_id: number;
  channel: string;
  external_id: string;
  direction: Direction;
  author_external_id: string | null;
  author_handle: string | null;
  author_name: string | null;
  contact_id: number | null;
  sender_user_id: number | null;
  text: string;
  created_at: number;
  received_at: number;
  in_reply_to: string | null;
  thread_id: string | null;
  url: string | null;
  author_followers: number | null;
  raw_json: string | null;
  sentiment: Sentiment | null;
  sentiment_score: number | null;
  intent: string | null;
  priority: number | null;
  triage_json: string | null;
  delivery_status: DeliveryStatus;
  delivery_error: string | null;
  /** Channel-specific metadata (JSON), e.g. email subject and references, Bluesky cid and root. */
  meta_json: Generated<string | null>;
}

export interface NotesTable {
  id: Generated<number>;
  conversation_id: number;
  author_user_id: number;
  text: string;
  mentions_json: string;
  created_at: number;
}

export interface LabelsTable {
  id: Generated<number>;
  name: string;
  color: string | null;
  created_at: number;
}

export interface ConversationLabelsTable {
  conversation_id: number;
  label_id: number;
}

export interface EventsTable {
  id: Generated<number>;
  at: number;
  actor_type: 'user' | 'token' | 'system';
  actor_id: number | null;
  type: string;
  conversation_id: number | null;
  data_json: string | null;
  /**
   * PostgreSQL only (migration 004): the writing transaction's id; readers order the stream by
   * (tx, id) and read only transactions older than every running one, so none is skipped.
   */
  tx?: Generated<number>;
}

/** A listener's cursor in the event stream, with its retry state (migration 004). */
export interface EventListenersTable {
  name: string;
  /** Id of the last event the listener has passed. */
  position: number;
  /** PostgreSQL only: the transaction id of that event (the cursor is (position_tx, position)). */
  position_tx?: number;
  failures: number;
  last_error: string | null;
  /** When the listener may try again after a failure (epoch ms); null when it is not waiting. */
  retry_at: number | null;
  updated_at: number;
}

export interface JobsTable {
  id: Generated<number>;
  queue: string;
  payload_json: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  attempts: number;
  max_attempts: number;
  run_at: number;
  locked_until: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  /** What the job is sent through (e.g. `account:3`, `channel:generic`): the worker bounds sends per group. */
  group_key: Generated<string | null>;
}

/** Sign-in throttling shared by every process: attempts per address per minute, failures per account. */
export interface SignInThrottleTable {
  key: string;
  window_start: number;
  attempts: number;
  failures: number;
  locked_until: number | null;
}

export interface TriageModelsTable {
  id: Generated<number>;
  workspace: string;
  version: number;
  kind: string;
  model: string;
  metrics_json: string | null;
  active: number;
  created_at: number;
}

export interface TriageCorrectionsTable {
  id: Generated<number>;
  workspace: string;
  message_id: number | null;
  text: string;
  field: string;
  label: string;
  user_id: number | null;
  created_at: number;
}

/** A browser's Web Push subscription, per user (migration 011). */
export interface PushSubscriptionsTable {
  id: Generated<number>;
  user_id: number;
  endpoint: string;
  p256dh: string;
  auth: string;
  user_agent: string | null;
  created_at: number;
}

/** A person's alert settings as JSON, and their webhook's signing secret sealed (migration 011). */
export interface AlertSettingsTable {
  user_id: number;
  settings_json: string;
  webhook_secret_enc: string | null;
  updated_at: number;
}

/** An on-call rotation: members in order, taking turns daily or weekly from `starts_at` (migration 011). */
export interface OnCallRotationsTable {
  id: Generated<number>;
  name: string;
  period: 'daily' | 'weekly';
  members_json: string;
  starts_at: number;
  time_zone: string;
  created_at: number;
  updated_at: number;
}

/** Person X is on call from–to, whatever the rotations say (migration 011). */
export interface OnCallOverridesTable {
  id: Generated<number>;
  user_id: number;
  starts_at: number;
  ends_at: number;
  note: string | null;
  created_at: number;
}

/** One alert: what happened, whom it reached at each escalation level, who acknowledged it (migration 011). */
export interface AlertsTable {
  id: Generated<number>;
  kind: string;
  dedupe_key: string;
  conversation_id: number | null;
  title: string;
  body: string;
  url: string;
  ack_token: string;
  escalates: number;
  level: number;
  /** JSON array of the user ids alerted so far (every level). */
  alerted_json: string;
  created_at: number;
  acked_at: number | null;
  acked_by: number | null;
}

/** One delivery of an alert to one person by one means: the audit trail (migration 011). */
export interface AlertDeliveriesTable {
  id: Generated<number>;
  alert_id: number;
  user_id: number;
  via: 'push' | 'email' | 'webhook';
  level: number;
  status: 'queued' | 'delivered' | 'failed' | 'skipped';
  detail: string | null;
  created_at: number;
  updated_at: number;
}

/** Who is viewing or replying to a conversation, until when (migration 021). */
export interface ConversationPresenceTable {
  conversation_id: number;
  user_id: number;
  name: string;
  state: 'viewing' | 'replying';
  until: number;
}

/** A listener's working state under a key, shared by every process (migration 021). */
export interface ListenerStateTable {
  listener: string;
  key: string;
  state_json: string;
  updated_at: number;
}

/** The whole database, as typed for Kysely. */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  channel_accounts: ChannelAccountsTable;
  channel_account_state: ChannelAccountStateTable;
  attachments: AttachmentsTable;
  audience_snapshots: AudienceSnapshotsTable;
  contacts: ContactsTable;
  contact_identities: ContactIdentitiesTable;
  contact_notes: ContactNotesTable;
  contact_interactions: ContactInteractionsTable;
  contact_occasions: ContactOccasionsTable;
  contact_stage_changes: ContactStageChangesTable;
  contact_merges: ContactMergesTable;
  contact_email_proofs: ContactEmailProofsTable;
  today_actions: TodayActionsTable;
  contact_scores: ContactScoresTable;
  contact_segments: ContactSegmentsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  notes: NotesTable;
  labels: LabelsTable;
  conversation_labels: ConversationLabelsTable;
  events: EventsTable;
  event_listeners: EventListenersTable;
  listener_state: ListenerStateTable;
  conversation_presence: ConversationPresenceTable;
  jobs: JobsTable;
  sign_in_throttle: SignInThrottleTable;
  triage_models: TriageModelsTable;
  triage_corrections: TriageCorrectionsTable;
  push_subscriptions: PushSubscriptionsTable;
  alert_settings: AlertSettingsTable;
  on_call_rotations: OnCallRotationsTable;
  on_call_overrides: OnCallOverridesTable;
  alerts: AlertsTable;
  alert_deliveries: AlertDeliveriesTable;
  business_hours: BusinessHoursTable;
  sla_policies: SlaPoliciesTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  user_presence: UserPresenceTable;
  routing_rules: RoutingRulesTable;
  saved_replies: SavedRepliesTable;
  playbooks: PlaybooksTable;
  reply_approvals: ReplyApprovalsTable;
  saved_reply_uses: SavedReplyUsesTable;
  saved_reply_claims: SavedReplyClaimsTable;
  reply_check_settings: ReplyCheckSettingsTable;
}

export type UserRow = Selectable<UsersTable>;
export type ConversationRow = Selectable<ConversationsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type NewMessageRow = Insertable<MessagesTable>;
export type ConversationUpdate = Updateable<ConversationsTable>;
export type ContactRow = Selectable<ContactsTable>;
export type NoteRow = Selectable<NotesTable>;
export type JobRow = Selectable<JobsTable>;
export type ChannelAccountRow = Selectable<ChannelAccountsTable>;
export type AttachmentRow = Selectable<AttachmentsTable>;
