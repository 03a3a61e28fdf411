/**
 * The password rule, in a module with no Node imports so the API schemas (and the web app through
 * them) can state it too.
 */

/** Passwords shorter than this are refused everywhere (setup, user creation, CLI). */
export const MIN_PASSWORD_LENGTH = 10;
