import { describe, expect, it } from 'vitest';
import { chatSecretsSchema, chatSettingsSchema } from './chat/settings.js';
import { emailSettingsSchema } from './email/settings.js';
import { settingsDefaults } from './schema-fields.js';

describe('settings defaults for forms', () => {
  it('lists the fixed defaults, not the optional fields without one', () => {
    const email = settingsDefaults(emailSettingsSchema);
    expect(email).toMatchObject({ agentNameInFrom: true, imapSecure: true, imapIdle: true, inbound: 'smtp' });
    expect(email).not.toHaveProperty('smtpSecure');
    expect(email).not.toHaveProperty('address');
  });

  it('never lists generated values or secrets', () => {
    expect(settingsDefaults(chatSettingsSchema)).not.toHaveProperty('widgetKey');
    expect(settingsDefaults(chatSecretsSchema)).toEqual({});
    expect(settingsDefaults(chatSettingsSchema)).toMatchObject({ askEmailAfterSeconds: 120 });
  });
});
