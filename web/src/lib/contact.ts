import { wordsOf } from '../i18n/index.js';

/**
 * How people are named on screen: an email address as it is (never "@ann@example.com"), a social
 * handle with its "@", and a website visitor who has not left a name as just that, never a raw id.
 */

/** A handle as shown: social handles get "@"; email addresses and chat visitors' emails do not. */
export function shownHandle(channel: string, handle: string): string {
  if (handle.includes('@') || channel === 'email' || channel === 'chat') return handle;
  return `@${handle}`;
}

/** The title for a contact: their name, else their handle, else what kind of stranger they are. */
export function contactTitle(
  channel: string,
  name: string | null | undefined,
  handle: string | null | undefined,
) {
  if (name) return name;
  if (handle) return handle;
  return wordsOf('lib')(channel === 'chat' ? 'websiteVisitor' : 'unknownContact');
}
