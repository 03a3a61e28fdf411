import { useEffect, useState } from 'react';
import { devicePushState, enableDevicePush } from '../alerts/push.js';
import type { StreamStatus } from '../api/stream.js';
import type { User } from '../api/types.js';
import { PageNav } from '../app/PageNav.js';
import { Icon } from '../components/Icon.js';
import { useT } from '../i18n/index.js';
import { askForNotifications, canAskForNotifications } from '../lib/notify.js';

/** The connection in words: short on a phone, what happened and what Rapport does about it otherwise. */
const streamWords: Record<StreamStatus, { wide: string; narrow: string; title: string }> = {
  connecting: { wide: 'Connecting…', narrow: 'Connecting…', title: 'Connecting to the Rapport server' },
  live: { wide: 'Live', narrow: 'Live', title: 'Live updates are on' },
  offline: {
    wide: 'Server unreachable · retrying…',
    narrow: 'Offline · retrying',
    title:
      'Rapport cannot reach its server (it may be restarting, or this device is offline). It keeps trying and catches up when it is back.',
  },
};

/** Top bar: product name, live-connection state in words, notifications opt-in, help, settings and sign-out. */
export function Header(props: {
  me: User;
  stream: StreamStatus;
  /** Channel accounts that need attention (broken). */
  brokenChannels: number;
  onChannels: () => void;
  onHelp: () => void;
  onSettings: () => void;
  onSignOut: () => void;
}) {
  const t = useT('alerts');
  const [canAsk, setCanAsk] = useState(canAskForNotifications);
  // Web Push where the browser has it (alerts reach the device with no tab open), else tab notifications
  const [pushOff, setPushOff] = useState(false);
  const [pushError, setPushError] = useState<string | null>(null);
  useEffect(() => {
    void devicePushState().then((state) => setPushOff(state === 'off'));
  }, []);
  return (
    <header className={`topbar topbar-${props.stream}`}>
      <span className="brand">
        <span className="logo" aria-hidden="true" /> <span className="brand-name">Rapport</span>
      </span>
      <PageNav me={props.me} current="inbox" />
      <span className={`live live-${props.stream}`} role="status" title={streamWords[props.stream].title}>
        <span className="dot" aria-hidden="true" />
        {streamWords[props.stream].wide === streamWords[props.stream].narrow ? (
          streamWords[props.stream].wide
        ) : (
          <>
            <span className="wide-only">{streamWords[props.stream].wide}</span>
            <span className="narrow-only">{streamWords[props.stream].narrow}</span>
          </>
        )}
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
      {pushOff || canAsk ? (
        <button
          type="button"
          className="ghost"
          title={pushError ?? t('enableDevice')}
          aria-label={t('enableDevice')}
          onClick={async () => {
            setPushError(null);
            try {
              const state = await enableDevicePush();
              setPushOff(state === 'off');
              if (state === 'unsupported') await askForNotifications();
            } catch (error) {
              setPushError(t('deviceFailed', { reason: (error as Error).message }));
              await askForNotifications();
            }
            setCanAsk(canAskForNotifications());
          }}
        >
          <span className="wide-only">{t('enableHeader')}</span>
          <span className="narrow-only">
            <Icon name="bell" />
          </span>
        </button>
      ) : null}
      <button
        type="button"
        className="ghost icon wide-only"
        onClick={props.onHelp}
        aria-label="Keyboard shortcuts"
      >
        ?
      </button>
      <button type="button" className="ghost icon" onClick={props.onSettings} aria-label="Your settings">
        <Icon name="gear" />
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
