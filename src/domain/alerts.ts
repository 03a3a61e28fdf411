/**
 * Alert rules, pure: the kinds of alert, each person's settings and their defaults, quiet hours,
 * who gets an alert first, and what it says. The listener and the delivery jobs only apply these.
 */
import { localDayAndMinute } from './on-call.js';

/** Every kind of alert, in the order the settings screen lists them. */
export const alertKinds = [
  'negative', // a new negative inbound message
  'urgent', // a new urgent inbound message
  'sla_warning', // a due time is near
  'sla_breach', // a due time has passed
  'negative_spike', // a channel's traffic turned negative
  'mention', // @mention in a note
  'assigned', // a conversation was assigned to the person
  'routing', // a routing rule asked to notify
] as const;
/** One kind of alert. */
export type AlertKind = (typeof alertKinds)[number];

/** How an alert can reach a person. */
export const alertVias = ['push', 'email', 'webhook'] as const;
/** One means of delivery. */
export type AlertVia = (typeof alertVias)[number];

/** Kinds that walk up the on-call chain until someone acknowledges (the others are for one person). */
export const escalatingKinds: readonly AlertKind[] = [
  'negative',
  'urgent',
  'sla_breach',
  'negative_spike',
  'routing',
];

/** Local quiet hours: from `start` to `end` (HH:MM, may wrap midnight) in `timeZone`. */
export interface QuietHours {
  start: string;
  end: string;
  timeZone: string;
}

/** A person's alert settings. */
export interface AlertSettings {
  kinds: AlertKind[];
  push: boolean;
  email: boolean;
  /** A Slack-compatible incoming-webhook URL (Slack, Mattermost, ntfy…), or null. */
  webhookUrl: string | null;
  quietHours: QuietHours | null;
}

/** What a person who never changed anything gets: every kind, by push. */
export const defaultAlertSettings: AlertSettings = {
  kinds: [...alertKinds],
  push: true,
  email: false,
  webhookUrl: null,
  quietHours: null,
};

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Whether `at` falls in the person's quiet hours (start inclusive, end exclusive; may wrap midnight). */
export function inQuietHours(quiet: QuietHours | null, at: number): boolean {
  if (!quiet) return false;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  const { minute } = localDayAndMinute(quiet.timeZone, at);
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** The means an alert of `kind` reaches a person by, at `at` (none in quiet hours or for a kind turned off). */
export function deliveriesFor(settings: AlertSettings, kind: AlertKind, at: number): AlertVia[] | 'quiet' {
  if (!settings.kinds.includes(kind)) return [];
  if (inQuietHours(settings.quietHours, at)) return 'quiet';
  const out: AlertVia[] = [];
  if (settings.push) out.push('push');
  if (settings.email) out.push('email');
  if (settings.webhookUrl) out.push('webhook');
  return out;
}

/** What decides who hears of an alert first. */
export interface RecipientFacts {
  kind: AlertKind;
  /** The conversation's assignee, when it has an active one. */
  assigneeId: number | null;
  /** People named by the event itself (mentioned, routed to). */
  named: number[];
  /** Whoever is on call now, in order (overrides first). */
  onCall: number[];
  /** Every active agent and admin. */
  everyone: number[];
}

/**
 * Who gets an alert first. Mentions go to the mentioned, assignments to the assignee, a routing
 * notice to the people it names. Anything about a conversation goes to its assignee if it has one,
 * else to whoever is on call now (the first of them), else to every agent.
 */
export function firstRecipients(f: RecipientFacts): number[] {
  if (f.kind === 'mention') return [...new Set(f.named)];
  if (f.kind === 'assigned') return f.assigneeId === null ? [] : [f.assigneeId];
  if (f.kind === 'routing' && f.named.length > 0) return [...new Set(f.named)];
  if (f.assigneeId !== null) return [f.assigneeId];
  const first = f.onCall[0];
  if (first !== undefined) return [first];
  return [...f.everyone];
}

/** What an alert is about, as the words are built from it. */
export interface AlertFacts {
  kind: AlertKind;
  conversationId: number | null;
  customer: string | null;
  channel: string;
  firstLine: string;
  /** Minutes to (positive) or past (negative) the due time, for SLA alerts. */
  dueInMinutes?: number;
  /** For a spike: negative messages in the window. */
  count?: number;
}

const headlines: Record<AlertKind, string> = {
  negative: 'Negative message',
  urgent: 'Urgent message',
  sla_warning: 'Reply due soon',
  sla_breach: 'Reply overdue',
  negative_spike: 'Negative spike',
  mention: 'You were mentioned',
  assigned: 'Assigned to you',
  routing: 'Needs attention',
};

/** The alert's title, body and link: who and what, and where to answer. */
export function alertText(f: AlertFacts): { title: string; body: string; url: string } {
  const who = f.customer?.trim() || 'A customer';
  let headline = `${headlines[f.kind]}: ${who} on ${f.channel}`;
  if (f.kind === 'sla_warning' && f.dueInMinutes !== undefined)
    headline = `Reply due in ${Math.max(0, Math.round(f.dueInMinutes))} min: ${who} on ${f.channel}`;
  if (f.kind === 'sla_breach' && f.dueInMinutes !== undefined)
    headline = `Reply overdue by ${Math.max(0, Math.round(-f.dueInMinutes))} min: ${who} on ${f.channel}`;
  if (f.kind === 'negative_spike')
    headline = `Negative spike on ${f.channel}${f.count ? `: ${f.count} negative messages` : ''}`;
  const line =
    f.firstLine
      .split('\n')
      .find((l) => l.trim())
      ?.trim() ?? '';
  const body = line.length > 140 ? `${line.slice(0, 139)}…` : line;
  return { title: headline, body, url: f.conversationId === null ? '/' : `/c/${f.conversationId}` };
}
