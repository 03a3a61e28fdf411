import { useEffect, useState } from 'react';
import { devicePushState, enableDevicePush } from '../alerts/push.js';
import type { StreamStatus } from '../api/stream.js';
import type { User } from '../api/types.js';
import { PageNav } from '../app/PageNav.js';
import { Icon } from '../components/Icon.js';
import { useT } from '../i18n/index.js';
import { askForNotifications, canAskForNotifications } from '../lib/notify.js';

/** The connection in words: short on a phone, what happened and what Rapport does about it otherwise. */
const streamKeys: Record<StreamStatus, { wide: string; narrow: string; title: string }> = {
  connecting: { wide: 'connecting', narrow: 'connecting', title: 'connectingTitle' },
  live: { wide: 'live', narrow: 'live', title: 'liveTitle' },
  offline: { wide: 'offlineWide', narrow: 'offlineNarrow', title: 'offlineTitle' },
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
  const t = useT('inbox');
  const ta = useT('alerts');
  const [canAsk, setCanAsk] = useState(canAskForNotifications);
  const keys = streamKeys[props.stream];
  const streamWords = { wide: t(keys.wide), narrow: t(keys.narrow), title: t(keys.title) };
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
      <span className={`live live-${props.stream}`} role="status" title={streamWords.title}>
        <span className="dot" aria-hidden="true" />
        {streamWords.wide === streamWords.narrow ? (
          streamWords.wide
        ) : (
          <>
            <span className="wide-only">{streamWords.wide}</span>
            <span className="narrow-only">{streamWords.narrow}</span>
          </>
        )}
      </span>
      <span className="spacer" />
      <button
        type="button"
        className="ghost"
        onClick={props.onChannels}
        aria-label={
          props.brokenChannels > 0 ? t('channelsBroken', { count: props.brokenChannels }) : t('channels')
        }
      >
        <span className="narrow-only">
          <Icon name="plug" />
        </span>
        <span className="wide-only">{t('channels')}</span>
        {props.brokenChannels > 0 ? (
          <span className="channels-alert">
            <span className="wide-only"> · {t('needAttention', { count: props.brokenChannels })}</span>
            <span className="narrow-only"> {props.brokenChannels}!</span>
          </span>
        ) : null}
      </button>
      {pushOff || canAsk ? (
        <button
          type="button"
          className="ghost"
          title={pushError ?? ta('enableDevice')}
          aria-label={ta('enableDevice')}
          onClick={async () => {
            setPushError(null);
            try {
              const state = await enableDevicePush();
              setPushOff(state === 'off');
              if (state === 'unsupported') await askForNotifications();
            } catch (error) {
              setPushError(ta('deviceFailed', { reason: (error as Error).message }));
              await askForNotifications();
            }
            setCanAsk(canAskForNotifications());
          }}
        >
          <span className="wide-only">{ta('enableHeader')}</span>
          <span className="narrow-only">
            <Icon name="bell" />
          </span>
        </button>
      ) : null}
      <button
        type="button"
        className="ghost icon wide-only"
        onClick={props.onHelp}
        aria-label={t('shortcuts')}
      >
        ?
      </button>
      <button type="button" className="ghost icon" onClick={props.onSettings} aria-label={t('yourSettings')}>
        <Icon name="gear" />
      </button>
      <span className="me wide-only" title={props.me.email}>
        {props.me.name}
      </span>
      <button type="button" className="ghost" onClick={props.onSignOut}>
        {t('signOut')}
      </button>
    </header>
  );
}
