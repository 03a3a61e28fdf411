import { useState } from 'react';
import type { StreamStatus } from '../api/stream.js';
import type { User } from '../api/types.js';
import { Icon } from '../components/Icon.js';
import { askForNotifications, canAskForNotifications } from '../lib/notify.js';

const streamWords: Record<StreamStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  offline: 'Reconnecting…',
};

/** Top bar: product name, live-connection state in words, notifications opt-in, help and sign-out. */
export function Header(props: {
  me: User;
  stream: StreamStatus;
  /** Channel accounts that need attention (broken). */
  brokenChannels: number;
  onChannels: () => void;
  onHelp: () => void;
  onSignOut: () => void;
}) {
  const [canAsk, setCanAsk] = useState(canAskForNotifications);
  return (
    <header className="topbar">
      <span className="brand">
        <span className="logo" aria-hidden="true" /> Rapport
      </span>
      <span className={`live live-${props.stream}`} role="status" title="Live updates">
        <span className="dot" aria-hidden="true" />
        {streamWords[props.stream]}
      </span>
      <span className="spacer" />
      <button
        type="button"
        className="ghost"
        onClick={props.onChannels}
        aria-label={
          props.brokenChannels > 0 ? `Channels: ${props.brokenChannels} need attention` : 'Channels'
        }
      >
        <span className="narrow-only">
          <Icon name="plug" />
        </span>
        <span className="wide-only">Channels</span>
        {props.brokenChannels > 0 ? (
          <span className="channels-alert">
            <span className="wide-only"> · {props.brokenChannels} need attention</span>
            <span className="narrow-only"> {props.brokenChannels}!</span>
          </span>
        ) : null}
      </button>
      {canAsk ? (
        <button
          type="button"
          className="ghost"
          onClick={async () => {
            await askForNotifications();
            setCanAsk(canAskForNotifications());
          }}
        >
          <span className="wide-only">Enable alerts</span>
          <span className="narrow-only">Alerts</span>
        </button>
      ) : null}
      <button type="button" className="ghost icon" onClick={props.onHelp} aria-label="Keyboard shortcuts">
        ?
      </button>
      <span className="me wide-only" title={props.me.email}>
        {props.me.name}
      </span>
      <button type="button" className="ghost" onClick={props.onSignOut}>
        Sign out
      </button>
    </header>
  );
}
