/** Browser notifications for conversations that should not wait: negative or urgent ones. */

/** Priority (0–100) from which a new message counts as urgent. */
export const urgentPriority = 70;

/** Whether this browser supports notifications and the user has granted them. */
export function notificationsGranted(): boolean {
  return typeof Notification !== 'undefined' && Notification.permission === 'granted';
}

/** Whether it still makes sense to offer the "enable notifications" button. */
export function canAskForNotifications(): boolean {
  return typeof Notification !== 'undefined' && Notification.permission === 'default';
}

/** Asks for permission (must run from a click). */
export async function askForNotifications(): Promise<boolean> {
  if (typeof Notification === 'undefined') return false;
  return (await Notification.requestPermission()) === 'granted';
}

/** Shows one notification; clicking it focuses the tab and opens the conversation. */
export function notify(title: string, body: string, onClick: () => void) {
  if (!notificationsGranted()) return;
  try {
    const n = new Notification(title, { body, tag: title });
    n.onclick = () => {
      window.focus();
      onClick();
      n.close();
    };
  } catch {
    // some mobile browsers only allow notifications from a service worker
  }
}
