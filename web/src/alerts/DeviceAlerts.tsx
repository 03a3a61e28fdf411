import { useEffect, useState } from 'react';
import { useT } from '../i18n/index.js';
import { type DevicePush, devicePushState, disableDevicePush, enableDevicePush } from './push.js';

/** This device's Web Push state, with the button that turns it on or off. */
export function DeviceAlerts() {
  const t = useT('alerts');
  const [state, setState] = useState<DevicePush | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void devicePushState().then(setState);
  }, []);
  const run = (action: () => Promise<DevicePush>) => {
    setBusy(true);
    setError(null);
    action()
      .then(setState)
      .catch((e: Error) => setError(t('deviceFailed', { reason: e.message })))
      .finally(() => setBusy(false));
  };
  if (state === null) return <p className="muted">{t('loading')}</p>;
  return (
    <div className="alerts-device">
      <p>
        {state === 'on'
          ? t('deviceOn')
          : state === 'denied'
            ? t('deviceDenied')
            : state === 'unsupported'
              ? t('deviceUnsupported')
              : t('deviceOff')}
      </p>
      {state === 'off' || state === 'denied' ? (
        <button type="button" disabled={busy} onClick={() => run(enableDevicePush)}>
          {t('enableDevice')}
        </button>
      ) : null}
      {state === 'on' ? (
        <button type="button" className="ghost" disabled={busy} onClick={() => run(disableDevicePush)}>
          {t('disableDevice')}
        </button>
      ) : null}
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
