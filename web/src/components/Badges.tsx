import type { ConversationStatus, Sentiment } from '../api/types.js';
import { fullTime, type SlaLevel, untilTime } from '../lib/time.js';
import { Icon, type IconName } from './Icon.js';

const sentimentText: Record<Sentiment, { icon: string; label: string }> = {
  negative: { icon: '▼', label: 'Negative' },
  neutral: { icon: '●', label: 'Neutral' },
  positive: { icon: '▲', label: 'Positive' },
};

/** Sentiment as icon + word (never colour alone). */
export function SentimentBadge({ sentiment }: { sentiment: Sentiment | null }) {
  if (!sentiment) return null;
  const { icon, label } = sentimentText[sentiment];
  return (
    <span className={`badge sentiment-${sentiment}`} title={`${label} sentiment`}>
      <span aria-hidden="true">{icon}</span> {label}
    </span>
  );
}

/** Priority band for a 0–100 priority. */
export function priorityBand(priority: number): 'urgent' | 'high' | 'normal' | 'low' {
  if (priority >= 70) return 'urgent';
  if (priority >= 50) return 'high';
  if (priority >= 25) return 'normal';
  return 'low';
}

/** Priority as a word plus its number, e.g. "Urgent 82". */
export function PriorityBadge({ priority }: { priority: number }) {
  const band = priorityBand(priority);
  const word = band[0]!.toUpperCase() + band.slice(1);
  return (
    <span className={`badge priority-${band}`} title={`Priority ${priority} of 100`}>
      {band === 'urgent' ? <span aria-hidden="true">⚑ </span> : null}
      {word} <span className="num">{priority}</span>
    </span>
  );
}

const slaIcon: Record<SlaLevel, IconName> = {
  none: 'clock',
  met: 'clock',
  ok: 'clock',
  near: 'warning',
  breached: 'overdue',
};

/** The SLA countdown: "due in 4m" (amber + ⚠ when near), "overdue 12m" (red + ⛔ once breached). */
export function SlaBadge({ level, label }: { level: SlaLevel; label: string }) {
  if (level === 'none' || level === 'met') return null;
  const spoken = level === 'breached' ? `SLA breached, ${label}` : `First response ${label}`;
  return (
    <span className={`badge sla-${level}`} title={spoken}>
      <Icon name={slaIcon[level]} />
      {label}
    </span>
  );
}

const statusLabel: Record<ConversationStatus, string> = {
  open: 'Open',
  pending: 'Pending',
  snoozed: 'Snoozed',
  resolved: 'Resolved',
};

/** Conversation status as a word; a snoozed one says until when ("Snoozed until 14:05"). */
export function StatusBadge(props: {
  status: ConversationStatus;
  snoozedUntil?: number | null;
  now?: number;
}) {
  const { status, snoozedUntil } = props;
  if (status === 'snoozed' && snoozedUntil) {
    return (
      <span className="badge status-snoozed" title={`Snoozed until ${fullTime(snoozedUntil)}`}>
        Snoozed until {untilTime(snoozedUntil, props.now)}
      </span>
    );
  }
  return <span className={`badge status-${status}`}>{statusLabel[status]}</span>;
}

const channelNames: Record<string, string> = {
  twitter: 'X / Twitter',
  x: 'X',
  facebook: 'Facebook',
  instagram: 'Instagram',
  bluesky: 'Bluesky',
  email: 'Email',
  chat: 'Website chat',
  whatsapp: 'WhatsApp',
  generic: 'Webhook',
};

/** Human name of a channel id. */
export function channelName(channel: string): string {
  return channelNames[channel] ?? channel;
}

/** Channel as a short tag with its name. */
export function ChannelTag({ channel }: { channel: string }) {
  return (
    <span className="channel" title={channelName(channel)}>
      {channelName(channel)}
    </span>
  );
}
