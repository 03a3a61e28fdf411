/**
 * Typed errors with stable codes. Domain, store and command code throw these; only src/server maps
 * codes to HTTP statuses and only src/cli maps them to exit codes.
 */

/** Every code an AppError can carry; API error bodies list them (src/server/routes/common.schema.ts). */
export const errorCodes = [
  'config_invalid',
  'validation_failed',
  'not_found',
  'conflict',
  'unauthenticated',
  'forbidden',
  'csrf_failed',
  'rate_limited',
  'too_many_streams',
  'payload_too_large',
  'channel_unavailable',
  'not_ready',
  'channel_invalid',
  'send_failed',
  'form_letter',
  'reply_blocked',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** Base class of every error Rapport raises on purpose. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad settings at start-up. */
export class ConfigError extends AppError {
  constructor(message: string) {
    super('config_invalid', message);
  }
}

/** Input that does not match its schema; details lists the problems by path. */
export class ValidationError extends AppError {
  constructor(message: string, details?: unknown) {
    super('validation_failed', message, details);
  }
}

/** A referenced record does not exist (or is not visible to the caller). */
export class NotFoundError extends AppError {
  constructor(what: string) {
    super('not_found', `${what} not found`);
  }
}

/** The request conflicts with current state (e.g. a duplicate name). */
export class ConflictError extends AppError {
  constructor(message: string) {
    super('conflict', message);
  }
}

/** No valid credentials were presented. */
export class UnauthenticatedError extends AppError {
  constructor(message = 'authentication required') {
    super('unauthenticated', message);
  }
}

/** Too many attempts: try again after `retryAfterSeconds`. */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', message, { retryAfterSeconds });
  }
}

/** The caller already holds as many live streams as it may (RAPPORT_STREAMS_PER_CLIENT). */
export class TooManyStreamsError extends AppError {
  constructor(limit: number) {
    super(
      'too_many_streams',
      `this token or session already has ${limit} live streams open; close one before opening another`,
      { limit },
    );
  }
}

/** Credentials are valid but the role does not allow the action. */
export class ForbiddenError extends AppError {
  constructor(message = 'not allowed for your role') {
    super('forbidden', message);
  }
}

/** A channel cannot deliver a message (misconfigured, unreachable or refused). */
export class SendError extends AppError {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** Epoch ms before which a retry is pointless (a rate limit's reset); null when unknown. */
    readonly retryAt: number | null = null,
  ) {
    super('send_failed', message);
  }
}

/** A send waits for a paused channel account: it stays queued, without using up its attempts. */
export class AccountPausedError extends SendError {
  constructor(message: string) {
    super(message, true);
  }
}

/**
 * The channel may or may not have taken the message (the receiver did not answer in time, or the
 * connection broke after the request went out). Retried with the same delivery id, which receivers
 * dedupe on, and never counted as a failed attempt.
 */
export class DeliveryUnknownError extends SendError {
  constructor(message: string) {
    super(message, true);
  }
}

/** Converts a zod error into a ValidationError listing each problem. */
export function fromZod(error: { issues: { path: PropertyKey[]; message: string }[] }, what = 'input') {
  const details = error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const summary = details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; ');
  return new ValidationError(`invalid ${what}: ${summary}`, details);
}

/** A channel account cannot connect or is misconfigured (bad password, unreachable server). */
export class ChannelError extends AppError {
  constructor(message: string, details?: unknown) {
    super('channel_invalid', message, details);
  }
}

/**
 * A saved reply sent unedited to a second customer the same day (the second-use rule): the agent
 * personalises it first. details names the saved reply and how many words were changed.
 */
export class FormLetterError extends AppError {
  constructor(message: string, details?: unknown) {
    super('form_letter', message, details);
  }
}

/**
 * The check before sending found something the workspace blocks (issue 14); details lists the
 * findings, so the agent sees what to change (or which reason they may give for a private channel).
 */
export class ReplyBlockedError extends AppError {
  constructor(readonly findings: { code: string; match: string; why: string; suggestion: string }[]) {
    super(
      'reply_blocked',
      `the reply was not sent: ${findings.map((f) => `${f.code} ("${f.match}")`).join(', ')}`,
      {
        findings,
      },
    );
  }
}
