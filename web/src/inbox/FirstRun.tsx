import { useState } from 'react';
import { askForNotifications, notificationsGranted } from '../lib/notify.js';

/** What the checklist knows about the workspace: each step is done only when it really is. */
export interface SetupFacts {
  /** Channel accounts connected (null while unknown). */
  channels: number | null;
  /** People who can sign in (null while unknown). */
  people: number | null;
}

/**
 * The first-run checklist above the inbox: connect a channel, invite a teammate, turn on alerts on
 * this device. A step is ticked from what the server and browser say, not from a click; the person
 * can put the list away (kept on the server), and it goes by itself once every step is done.
 */
export function FirstRun(props: {
  facts: SetupFacts;
  isAdmin: boolean;
  onConnect: () => void;
  onDismiss: () => void;
}) {
  const [alerts, setAlerts] = useState(notificationsGranted);
  const { channels, people } = props.facts;
  if (channels === null || people === null) return null;
  const steps = [
    {
      key: 'channel',
      done: channels > 0,
      title: 'Connect a channel',
      help: 'Email, the chat on your website or Bluesky: where your customers write to you.',
      action: props.isAdmin ? { label: 'Connect a channel', run: props.onConnect } : null,
    },
    {
      key: 'teammate',
      done: people > 1,
      title: 'Invite a teammate',
      help: (
        <>
          So someone else can answer when you cannot. An admin adds them with <code>rapport user add</code>.
        </>
      ),
      action: null,
    },
    {
      key: 'alerts',
      done: alerts,
      title: 'Turn on alerts on this device',
      help: 'Angry or urgent customers show up as notifications. Do this on your phone too.',
      action:
        typeof Notification !== 'undefined' && Notification.permission === 'default'
          ? {
              label: 'Turn on alerts',
              run: () => void askForNotifications().then(() => setAlerts(notificationsGranted())),
            }
          : null,
    },
  ];
  const left = steps.filter((s) => !s.done).length;
  if (left === 0) return null;
  return (
    <section className="first-run" aria-labelledby="first-run-title">
      <div className="first-run-head">
        <h2 id="first-run-title">Get set up</h2>
        <span className="muted small">
          {steps.length - left} of {steps.length} done
        </span>
        <button type="button" className="ghost" onClick={props.onDismiss}>
          Hide
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
                <span className="sr-only">{step.done ? ' (done)' : ' (to do)'}</span>
              </p>
              {step.done ? null : <p className="muted small">{step.help}</p>}
            </div>
            {!step.done && step.action ? (
              <button type="button" onClick={step.action.run}>
                {step.action.label}
              </button>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
