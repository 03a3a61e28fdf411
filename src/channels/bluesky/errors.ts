import { ChannelError, SendError } from '../../platform/errors.js';

/** The fields of an XRPC failure the channel looks at (duck-typed: several copies of the class exist). */
interface XrpcLike {
  status: number;
  error?: string;
  message: string;
  headers?: Record<string, string>;
}

function asXrpc(error: unknown): XrpcLike | null {
  if (!error || typeof error !== 'object') return null;
  const e = error as Partial<XrpcLike>;
  return typeof e.status === 'number' && typeof e.message === 'string' ? (e as XrpcLike) : null;
}

/** Bluesky refused the account's credentials (wrong or revoked app password, taken-down account). */
export class CredentialsRefusedError extends ChannelError {}

/** Error codes meaning "these credentials will not work until a person changes something". */
const REFUSED = new Set(['AuthenticationRequired', 'AccountTakedown', 'AuthFactorTokenRequired']);

/** Whether a login failure means the credentials are refused (as opposed to the service being unreachable). */
export function isRefusedLogin(error: unknown): boolean {
  const e = asXrpc(error);
  return !!e && (e.status === 401 || REFUSED.has(e.error ?? ''));
}

/** When a rate limit lifts (epoch ms), from the `ratelimit-reset` header of a 429, if given. */
export function rateLimitResetOf(error: unknown): number | null {
  const e = asXrpc(error);
  if (e?.status !== 429) return null;
  const reset = Number(e.headers?.['ratelimit-reset'] ?? e.headers?.['RateLimit-Reset']);
  return Number.isFinite(reset) && reset > 0 ? reset * 1000 : null;
}

/** A rate-limited send: retryable, and says when the limit lifts (the queue may wait until retryAt). */
export class RateLimitedSendError extends SendError {
  constructor(message: string, retryAt: number | null) {
    super(message, true, retryAt);
  }
}

/** A short description of any failure talking to Bluesky, for logs and status messages. */
export function describeFailure(error: unknown): string {
  const e = asXrpc(error);
  if (!e) return (error as Error)?.message ?? String(error);
  const code = e.error && e.error !== e.message ? `${e.error}: ` : '';
  return `${code}${e.message} (HTTP ${e.status})`;
}

/**
 * A send failure in the queue's terms: refused credentials and invalid requests (4xx) are final;
 * rate limits (with their reset time), server errors and network failures are retried.
 */
export function toSendError(error: unknown, what = 'Bluesky refused the post'): SendError {
  if (error instanceof SendError) return error;
  if (error instanceof CredentialsRefusedError) return new SendError(error.message, false);
  const e = asXrpc(error);
  if (!e) return new SendError(`cannot reach Bluesky: ${describeFailure(error)}`, true);
  if (e.status === 429) {
    const reset = rateLimitResetOf(error);
    const when = reset ? ` until ${new Date(reset).toISOString()}` : '';
    return new RateLimitedSendError(`Bluesky rate limit reached${when}; the reply will be retried`, reset);
  }
  if (e.status >= 400 && e.status < 500) return new SendError(`${what}: ${describeFailure(error)}`, false);
  return new SendError(`Bluesky is unavailable: ${describeFailure(error)}`, true);
}
