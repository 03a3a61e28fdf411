/** Contracts of the team routes: the user list and its administration, and each person's own settings. */
import { z } from 'zod';
import { defineRoute } from '../../contract/api-contract.js';
import { preferencesPatchSchema } from '../../domain/preferences.js';
import { roles } from '../../domain/roles.js';
import { MIN_PASSWORD_LENGTH } from '../../platform/password-policy.js';
import { idParams } from './common.schema.js';

/** A team member. */
export const userSchema = z
  .object({
    id: z.number().int().positive(),
    email: z.string(),
    name: z.string(),
    role: z.enum(roles),
    disabled: z.boolean(),
  })
  .meta({ id: 'User' });

/** Input fields shared by setup and user creation. */
export const emailField = z.string().trim().max(254).pipe(z.email());
export const nameField = z.string().trim().min(1).max(100);
export const newPasswordField = z.string().min(MIN_PASSWORD_LENGTH).max(1024);

/** A person's own settings for the web app. */
export const preferencesSchema = z
  .object({
    keyboardShortcuts: z.boolean().describe('single-key shortcuts (j, k, r, n, /, ?) on or off'),
    theme: z.enum(['system', 'light', 'dark']).describe("colours: the device's choice, light or dark"),
    urgentSound: z.boolean().describe('a short sound when an urgent alert arrives'),
    checklistDismissed: z.boolean().describe('the first-run checklist put away'),
    language: z
      .enum(['auto', 'en', 'de'])
      .describe("the web app's language: the browser's (auto), English or German"),
  })
  .meta({ id: 'Preferences' });
const preferencesAnswer = z.object({ preferences: preferencesSchema });

const admin = { role: 'admin' } as const;
const tag = 'Users and tokens';
const userAnswer = z.object({ user: userSchema });

/** The user routes' contracts, by operation. */
export const userRoutes = {
  list: defineRoute({
    operationId: 'listUsers',
    method: 'GET',
    path: '/api/v1/users',
    auth: { role: 'viewer' },
    tag,
    summary: 'The team (for assigning and @mentions)',
    response: z.object({ items: z.array(userSchema) }),
  }),
  add: defineRoute({
    operationId: 'addUser',
    method: 'POST',
    path: '/api/v1/users',
    auth: admin,
    tag,
    summary: 'Add a team member',
    body: z
      .object({ email: emailField, name: nameField, role: z.enum(roles), password: newPasswordField })
      .strict(),
    response: userAnswer,
  }),
  update: defineRoute({
    operationId: 'updateUser',
    method: 'PATCH',
    path: '/api/v1/users/:id',
    auth: admin,
    tag,
    summary: 'Rename, change the role of, disable or enable a user (all or nothing)',
    description: 'The last active admin cannot be demoted or disabled.',
    params: idParams,
    body: z
      .object({
        name: nameField.optional(),
        role: z.enum(roles).optional(),
        disabled: z.boolean().optional(),
      })
      .strict(),
    response: userAnswer,
  }),
  getPreferences: defineRoute({
    operationId: 'getMyPreferences',
    method: 'GET',
    path: '/api/v1/me/preferences',
    auth: { role: 'viewer' },
    tag,
    summary: "The caller's own settings (defaults until they change one)",
    response: preferencesAnswer,
  }),
  updatePreferences: defineRoute({
    operationId: 'updateMyPreferences',
    method: 'PATCH',
    path: '/api/v1/me/preferences',
    auth: { role: 'viewer' },
    tag,
    summary: 'Change some of the caller’s own settings (the rest stay)',
    body: preferencesPatchSchema,
    names: { body: 'preferences' },
    response: preferencesAnswer,
  }),
};
