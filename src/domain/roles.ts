/**
 * The team roles, weakest first. This list is the one place they are written: the store's column
 * types, the auth checks, the API schemas, the CLI and the web app all derive from it.
 */
export const roles = ['viewer', 'agent', 'admin'] as const;

/** A team member's (or an API token's) role: viewer reads, agent acts, admin also administers. */
export type Role = (typeof roles)[number];

/** True when `role` grants at least what `needed` grants (admin ⊇ agent ⊇ viewer). */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return roles.indexOf(role) >= roles.indexOf(needed);
}
