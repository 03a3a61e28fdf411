import { ApiError } from '../api/client.js';
import { wordsOf } from '../i18n/index.js';

interface ConnectionProblem {
  problem: string;
  host: string;
  port: number;
  user?: string;
  folder?: string;
}

function connectionOf(details: unknown): ConnectionProblem | null {
  const c = (details as { connection?: ConnectionProblem } | null)?.connection;
  return c && typeof c.problem === 'string' && typeof c.host === 'string' ? c : null;
}

/**
 * A failed connect or save in words with the next step: a mail server the server could not reach,
 * a refused login, a TLS mismatch (`details.connection` of a `channel_invalid` error, see
 * src/channels/email/connection-problem.ts), else the server's own message.
 */
export function describeChannelError(error: unknown): string {
  if (!(error instanceof ApiError)) return String(error);
  const c = connectionOf(error.details);
  if (!c) return error.message;
  const t = wordsOf('channels');
  return t(`problem_${c.problem}`, { ...c, message: error.message, defaultValue: error.message });
}
