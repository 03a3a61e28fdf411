import { useState } from 'react';
import type { StreamStatus } from '../api/stream.js';
import type { User } from '../api/types.js';
import { askForNotifications, canAskForNotifications } from '../lib/notify.js';

const streamWords: Record<StreamStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  offline: 'Reconnecting…',
};

/** Top bar: product name, live-connection state in words, notifications opt-in, help and sign-out. */
export function Header(props: { me: User; stream: StreamStatus; onHelp: () => void; onSignOut: () => void }) {
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
      <span className="me" title={props.me.email}>
        {props.me.name}
      </span>
      <button type="button" className="ghost" onClick={props.onSignOut}>
        Sign out
      </button>
    </header>
  );
}
