import { type ReactNode, useState } from 'react';
import { useInAppLink } from '../app/pages.js';
import { useT } from '../i18n/index.js';
import { rich } from '../i18n/rich.js';
import { askForNotifications, notificationsGranted } from '../lib/notify.js';

/** What the checklist knows about the workspace: each step is done only when it really is. */
export interface SetupFacts {
  /** Channel accounts connected (null while unknown). */
  channels: number | null;
  /** People who can sign in (null while unknown). */
  people: number | null;
  /** Business hours set (null while unknown). */
  hours: number | null;
}

interface Step {
  key: string;
  done: boolean;
  title: string;
  help: ReactNode;
  action: { label: string; run: () => void } | null;
  /** A page where the step is done. */
  href?: string;
}

/** Where business hours are set (a settings page of its own). */
export const businessHoursPath = '/settings/business-hours';

/**
 * The first-run checklist above the inbox: connect a channel, invite a teammate, turn on alerts on
 * this device, set business hours. A step is ticked from what the server and browser say, not from a click; the person
 * can put the list away (kept on the server), and it goes by itself once every step is done.
 */
export function FirstRun(props: {
  facts: SetupFacts;
  isAdmin: boolean;
  onConnect: () => void;
  onDismiss: () => void;
}) {
  const [alerts, setAlerts] = useState(notificationsGranted);
  const t = useT('inbox');
  const link = useInAppLink();
  const { channels, people, hours } = props.facts;
  if (channels === null || people === null || hours === null) return null;
  const steps: Step[] = [
    {
      key: 'channel',
      done: channels > 0,
      title: t('connectChannel'),
      help: t('connectChannelHelp'),
      action: props.isAdmin ? { label: t('connectChannel'), run: props.onConnect } : null,
    },
    {
      key: 'teammate',
      done: people > 1,
      title: t('inviteTeammate'),
      help: rich(t('inviteTeammateHelp'), { code: (c) => <code>{c}</code> }),
      action: null,
    },
    {
      key: 'alerts',
      done: alerts,
      title: t('turnOnAlerts'),
      help: t('turnOnAlertsHelp'),
      action:
        typeof Notification !== 'undefined' && Notification.permission === 'default'
          ? {
              label: t('turnOnAlertsAction'),
              run: () => void askForNotifications().then(() => setAlerts(notificationsGranted())),
            }
          : null,
    },
    {
      key: 'hours',
      done: hours > 0,
      title: t('businessHours'),
      help: t('businessHoursHelp'),
      action: null,
      href: props.isAdmin ? businessHoursPath : undefined,
    },
  ];
  const left = steps.filter((s) => !s.done).length;
  if (left === 0) return null;
  return (
    <section className="first-run" aria-labelledby="first-run-title">
      <div className="first-run-head">
        <h2 id="first-run-title">{t('setupTitle')}</h2>
        <span className="muted small">
          {t('setupProgress', { done: steps.length - left, total: steps.length })}
        </span>
        <button type="button" className="ghost" onClick={props.onDismiss}>
          {t('hide')}
        </button>
      </div>
      <ol>
        {steps.map((step) => (
          <li key={step.key} className={step.done ? 'done' : ''}>
            <span className="first-run-mark" aria-hidden="true">
              {step.done ? '✓' : ''}
            </span>
            <div>
              <p className="first-run-title">
                {step.title}
                <span className="sr-only">{step.done ? t('stepDone') : t('stepToDo')}</span>
              </p>
              {step.done ? null : <p className="muted small">{step.help}</p>}
            </div>
            {!step.done && step.action ? (
              <button type="button" onClick={step.action.run}>
                {step.action.label}
              </button>
            ) : null}
            {!step.done && step.href ? (
              <a className="button-link" {...link(step.href)}>
                {t('businessHoursAction')}
              </a>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
