/** Contracts of sign-in: what the web app shows first, setup of the first admin, login, logout. */
import { z } from 'zod';
import { defineRoute } from '../../contract/api-contract.js';
import { okSchema } from './common.schema.js';
import { emailField, nameField, newPasswordField, userSchema } from './users.schema.js';

/** The answer of setup and login: the user, and the CSRF token to send with every change. */
export const signedInSchema = z.object({ user: userSchema, csrfToken: z.string() }).meta({ id: 'SignedIn' });

const tag = 'Sign-in';
const cookie = 'Sets the `rapport_session` cookie (httpOnly, SameSite=Lax).';

/** The sign-in routes' contracts, by operation. */
export const authRoutes = {
  state: defineRoute({
    operationId: 'getAuthState',
    method: 'GET',
    path: '/api/v1/auth/state',
    auth: { public: true },
    tag,
    summary: 'Whether setup is needed, who is signed in, and their CSRF token',
    response: z.object({
      needsSetup: z.boolean(),
      user: userSchema.nullable(),
      csrfToken: z.string().nullable(),
    }),
  }),
  setup: defineRoute({
    operationId: 'setUp',
    method: 'POST',
    path: '/api/v1/auth/setup',
    auth: { public: true },
    tag,
    summary: 'Create the first admin and sign in (only while no user exists)',
    description: `${cookie} Limited per IP like login.`,
    body: z.object({ email: emailField, name: nameField, password: newPasswordField }).strict(),
    response: signedInSchema,
  }),
  login: defineRoute({
    operationId: 'logIn',
    method: 'POST',
    path: '/api/v1/auth/login',
    auth: { public: true },
    tag,
    summary: 'Sign in with email and password',
    description: `${cookie} Limited per IP (RAPPORT_LOGIN_RATE_LIMIT_PER_MINUTE).`,
    body: z.object({ email: z.string().max(254), password: z.string().min(1).max(1024) }).strict(),
    response: signedInSchema,
  }),
  logout: defineRoute({
    operationId: 'logOut',
    method: 'POST',
    path: '/api/v1/auth/logout',
    auth: { role: 'viewer' },
    tag,
    summary: 'End the session and clear its cookie',
    response: okSchema,
  }),
};
