// Rapport's service worker: makes the inbox installable, opens it offline from the last copy of the
// app shell, and shows Web Push alerts. Kept small on purpose:
// - only the app shell (pages and /assets/, /icons/, the manifest) goes through it, network first;
// - API answers, the event stream and the chat widget never touch it or its cache.
// A push handler receives {title, body, url, alertId, ackToken} JSON (src/commands/alert-transports.ts);
// a click opens (or focuses) that page of the app (/c/<id>); the "Acknowledge" button acknowledges
// the alert with its token (POST /api/v1/alerts/<id>/ack-token), which stops its escalation.
const SHELL_CACHE = 'rapport-shell-v1';

self.addEventListener('install', () => {
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== SHELL_CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

/** Whether a same-origin request is part of the app shell (never the API, the stream or the widget). */
function isShell(request, url) {
  if (request.method !== 'GET' || url.origin !== self.location.origin) return false;
  if (request.mode === 'navigate') return !url.pathname.startsWith('/api');
  return (
    url.pathname.startsWith('/assets/') ||
    url.pathname.startsWith('/icons/') ||
    url.pathname === '/manifest.webmanifest' ||
    url.pathname === '/theme.js' ||
    url.pathname === '/favicon.svg'
  );
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (!isShell(request, url)) return; // the browser handles it as if there were no worker
  // every page of the app is the same index.html, cached once under '/'
  const key = request.mode === 'navigate' ? '/' : request;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok && response.type === 'basic') {
          const copy = response.clone();
          event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.put(key, copy)));
        }
        return response;
      })
      .catch(() => caches.match(key).then((cached) => cached || Response.error())),
  );
});

/** A same-origin path from the payload, or the inbox: a push never sends anyone elsewhere. */
function appPath(value) {
  try {
    const url = new URL(typeof value === 'string' ? value : '/', self.location.origin);
    return url.origin === self.location.origin ? url.pathname + url.search + url.hash : '/';
  } catch {
    return '/';
  }
}

self.addEventListener('push', (event) => {
  let payload = {};
  try {
    payload = event.data ? event.data.json() : {};
  } catch {
    payload = { body: event.data ? event.data.text() : '' };
  }
  if (!payload || typeof payload !== 'object') payload = {};
  const title = typeof payload.title === 'string' && payload.title ? payload.title : 'Rapport';
  const body = typeof payload.body === 'string' ? payload.body : '';
  const url = appPath(payload.url);
  const alertId = Number.isInteger(payload.alertId) ? payload.alertId : null;
  const ackToken = typeof payload.ackToken === 'string' ? payload.ackToken : null;
  const canAck = alertId !== null && ackToken !== null;
  event.waitUntil(
    self.registration.showNotification(title, {
      body,
      tag: alertId !== null ? `alert-${alertId}` : url,
      data: { url, alertId, ackToken },
      icon: '/icons/icon-192.png',
      badge: '/icons/icon-192.png',
      requireInteraction: canAck,
      actions: canAck ? [{ action: 'ack', title: 'Acknowledge' }] : [],
    }),
  );
});

/** Acknowledges an alert with the token its push carried (no session header in a service worker). */
function acknowledge(alertId, ackToken) {
  return fetch(`/api/v1/alerts/${alertId}/ack-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: ackToken }),
    credentials: 'omit',
  }).catch(() => undefined);
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const data = event.notification.data || {};
  if (event.action === 'ack' && data.alertId != null && data.ackToken) {
    event.waitUntil(acknowledge(data.alertId, data.ackToken));
    return;
  }
  // opening the alert is seeing it: it acknowledges too, so the next person is not woken
  const seen = data.alertId != null && data.ackToken ? acknowledge(data.alertId, data.ackToken) : null;
  const target = new URL(appPath(event.notification.data?.url), self.location.origin);
  const opened = (async () => {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const open = windows.find((client) => new URL(client.url).origin === target.origin);
    if (!open) return self.clients.openWindow(target.href);
    const focused = await open.focus();
    return open.url === target.href ? focused : focused.navigate(target.href);
  })();
  event.waitUntil(Promise.all([opened, seen]));
});
