/**
 * What the composer's live check needs from the server, fetched once: the workspace's settings of
 * the check, and a contact's confirmed name (never a guessed one). The check itself runs here.
 */
import { type CheckSettings, defaultCheckSettings } from '../../../src/guidelines/types.js';
import { contactRoutes } from '../../../src/server/routes/contacts.schema.js';
import { replyCheckRoutes } from '../../../src/server/routes/reply-checks.schema.js';
import { call } from '../api/client.js';

let settingsOnce: Promise<CheckSettings> | null = null;

/** The settings, fetched once per page load (the defaults when they cannot be read). */
export function checkSettingsOnce(): Promise<CheckSettings> {
  settingsOnce ??= call(replyCheckRoutes.getSettings).then(
    (r) => r.settings as CheckSettings,
    () => {
      settingsOnce = null;
      return defaultCheckSettings;
    },
  );
  return settingsOnce;
}

const names = new Map<number, Promise<string | null>>();

/** The name a contact confirmed they want to be called, or null. */
export function confirmedNameOf(contactId: number): Promise<string | null> {
  let name = names.get(contactId);
  if (!name) {
    name = call(contactRoutes.get, { params: { id: contactId } }).then(
      (r) => (r.contact.preferredName?.confirmed ? r.contact.preferredName.value : null),
      () => null,
    );
    names.set(contactId, name);
  }
  return name;
}
