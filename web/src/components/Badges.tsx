import type { ConversationStatus, Sentiment } from '../api/types.js';
import { useT, wordsOf } from '../i18n/index.js';
import { fullTime, type SlaLevel, untilTime } from '../lib/time.js';
import { Icon, type IconName } from './Icon.js';

const sentimentText: Record<Sentiment, { icon: string; label: string }> = {
  negative: { icon: '▼', label: 'sentimentNegative' },
  neutral: { icon: '●', label: 'sentimentNeutral' },
  positive: { icon: '▲', label: 'sentimentPositive' },
};

/** Sentiment as icon + word (never colour alone). */
export function SentimentBadge({ sentiment }: { sentiment: Sentiment | null }) {
  const t = useT('components');
  if (!sentiment) return null;
  const { icon } = sentimentText[sentiment];
  const label = t(sentimentText[sentiment].label);
  return (
    <span className={`badge sentiment-${sentiment}`} title={t('sentimentTitle', { label })}>
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
  const t = useT('components');
  const band = priorityBand(priority);
  const word = t(`priority${band[0]!.toUpperCase()}${band.slice(1)}`);
  return (
    <span className={`badge priority-${band}`} title={t('priorityTitle', { priority })}>
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
  const t = useT('components');
  if (level === 'none' || level === 'met') return null;
  const spoken = level === 'breached' ? t('slaBreached', { label }) : t('slaFirstResponse', { label });
  return (
    <span className={`badge sla-${level}`} title={spoken}>
      <Icon name={slaIcon[level]} />
      {label}
    </span>
  );
}

const statusLabel: Record<ConversationStatus, string> = {
  open: 'statusOpen',
  pending: 'statusPending',
  snoozed: 'statusSnoozed',
  resolved: 'statusResolved',
};

/** Conversation status as a word; a snoozed one says until when ("Snoozed until 14:05"). */
export function StatusBadge(props: {
  status: ConversationStatus;
  snoozedUntil?: number | null;
  now?: number;
}) {
  const { status, snoozedUntil } = props;
  const t = useT('components');
  if (status === 'snoozed' && snoozedUntil) {
    return (
      <span className="badge status-snoozed" title={t('snoozedUntil', { time: fullTime(snoozedUntil) })}>
        {t('snoozedUntil', { time: untilTime(snoozedUntil, props.now) })}
      </span>
    );
  }
  return <span className={`badge status-${status}`}>{t(statusLabel[status])}</span>;
}

const channelNames: Record<string, string> = {
  twitter: 'channelTwitter',
  x: 'channelX',
  facebook: 'channelFacebook',
  instagram: 'channelInstagram',
  bluesky: 'channelBluesky',
  email: 'channelEmail',
  chat: 'channelChat',
  whatsapp: 'channelWhatsapp',
  generic: 'channelGeneric',
};

/** Human name of a channel id. */
export function channelName(channel: string): string {
  const key = channelNames[channel];
  return key ? wordsOf('components')(key) : channel;
}

/** Channel as a short tag with its name. */
export function ChannelTag({ channel }: { channel: string }) {
  useT('components'); // re-render when the language changes
  return (
    <span className="channel" title={channelName(channel)}>
      {channelName(channel)}
    </span>
  );
}
