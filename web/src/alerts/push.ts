import { alertsApi } from './api.js';

/** Where Web Push stands on this device. */
export type DevicePush = 'unsupported' | 'denied' | 'off' | 'on';

function supported(): boolean {
  return (
    typeof window !== 'undefined' &&
    window.isSecureContext &&
    'serviceWorker' in navigator &&
    'PushManager' in window &&
    typeof Notification !== 'undefined'
  );
}

/** Whether this device receives alerts with no Rapport tab open (a push subscription exists). */
export async function devicePushState(): Promise<DevicePush> {
  if (!supported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  const registration = await navigator.serviceWorker.getRegistration('/');
  const sub = registration ? await registration.pushManager.getSubscription() : null;
  return sub ? 'on' : 'off';
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

/**
 * "Enable alerts on this device": asks for permission, subscribes the service worker's push
 * manager with the server's VAPID key and hands the subscription to the server, so alerts arrive
 * on this phone or computer with no Rapport tab open. Resolves with the new state; throws with the
 * browser's reason when the push service refuses.
 */
export async function enableDevicePush(): Promise<DevicePush> {
  if (!supported()) return 'unsupported';
  if ((await Notification.requestPermission()) !== 'granted') return 'denied';
  const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  await navigator.serviceWorker.ready;
  const { publicKey } = await alertsApi.vapidKey();
  let sub = await registration.pushManager.getSubscription();
  if (sub) {
    // subscribed under another key (the server's keys changed): start again
    const current = sub.options.applicationServerKey;
    const same = current && new Uint8Array(current).join(',') === keyBytes(publicKey).join(',');
    if (!same) {
      await sub.unsubscribe();
      sub = null;
    }
  }
  sub ??= await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: keyBytes(publicKey),
  });
  const json = sub.toJSON();
  await alertsApi.subscribe({
    endpoint: sub.endpoint,
    expirationTime: sub.expirationTime,
    keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' },
  });
  return 'on';
}

/** Turns alerts off on this device (here and on the server). */
export async function disableDevicePush(): Promise<DevicePush> {
  if (!supported()) return 'unsupported';
  const registration = await navigator.serviceWorker.getRegistration('/');
  const sub = registration ? await registration.pushManager.getSubscription() : null;
  if (sub) {
    await alertsApi.unsubscribe(sub.endpoint).catch(() => undefined);
    await sub.unsubscribe();
  }
  return 'off';
}
