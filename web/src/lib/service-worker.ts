/**
 * Registers the service worker (web/public/sw.js): it makes the app installable on a phone's home
 * screen and will carry Web Push alerts. Only in a secure context (https or localhost) and only in
 * the built app, so the Vite dev server's hot reload is never cached.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext || import.meta.env.DEV) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // the inbox works without it: no install, no offline shell
    });
  });
}
