/**
 * The one HTTP door of the web app: same-origin fetch with the session cookie, the CSRF header on
 * unsafe methods and typed errors built from the API's `{error:{code,message}}` bodies. Calls are
 * made from the server's own route contracts (src/server/routes/*.schema.ts), and every answer is
 * checked against the contract's response schema before the app sees it.
 */
import { z } from 'zod';
import {
  pathFor,
  type RequestOf,
  type ResponseOf,
  type RouteContract,
} from '../../../src/contract/api-contract.js';
import { wordsOf } from '../i18n/index.js';

// The page's CSP forbids eval; this keeps zod from probing for it (its fast path needs eval).
z.config({ jitless: true });

let csrfToken: string | null = null;

/** Remembers the CSRF token returned by /auth/state, /auth/login or /auth/setup. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/**
 * An API answer with a non-2xx status, a network failure (status 0, code `network`), or an answer
 * that breaks its route's contract (status 0, code `invalid_response`).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: unknown };
}

/** Listeners told when the server says the session is gone (401), so the app can show sign-in. */
const unauthenticatedListeners = new Set<() => void>();

/** Subscribes to "session expired" (401 answers); returns the unsubscribe function. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/** Tells the app the session is gone (used when the live stream is refused). */
export function reportUnauthenticated() {
  for (const listener of unauthenticatedListeners) listener();
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a request that never reached the server means, in words. */
export const networkProblem = (): string => wordsOf('common')('networkProblem');

/** Sends one request to the API and returns its parsed JSON body; throws ApiError otherwise. */
async function request(method: Method, path: string, body?: unknown): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    // the browser says only "Failed to fetch": say what it means
    throw new ApiError(0, 'network', networkProblem());
  }
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) {
    const err = (parsed as ErrorBody | null)?.error;
    if (response.status === 401 && !path.startsWith('/api/v1/auth/')) reportUnauthenticated();
    throw new ApiError(
      response.status,
      err?.code ?? `http_${response.status}`,
      err?.message ?? (response.statusText || `request failed (${response.status})`),
      err?.details,
    );
  }
  return parsed;
}

type Part<C extends RouteContract, K extends 'params' | 'query' | 'body'> = C[K] extends z.ZodType
  ? { [P in K]: RequestOf<C>[K] }
  : { [P in K]?: undefined };

/** What a call sends: path parameters, query and body, as the contract types them. */
export type CallInput<C extends RouteContract> = Part<C, 'params'> &
  Partial<Part<C, 'query'>> &
  Part<C, 'body'>;

/**
 * Calls one API route from its contract and returns the answer checked against the contract's
 * response schema; an answer that does not match throws ApiError `invalid_response`.
 */
export async function call<C extends RouteContract>(
  contract: C,
  ...[input]: object extends CallInput<C> ? [CallInput<C>?] : [CallInput<C>]
): Promise<ResponseOf<C>> {
  const params = input?.params as Record<string, unknown> | undefined;
  const search = query((input?.query ?? {}) as Record<string, string | number | undefined | null>);
  const answer = await request(contract.method, pathFor(contract.path, params) + search, input?.body);
  if (!contract.response) return undefined as ResponseOf<C>;
  const checked = contract.response.safeParse(answer);
  if (!checked.success) {
    const where = checked.error.issues.map((i) => i.path.join('.') || '(body)').join(', ');
    throw new ApiError(
      0,
      'invalid_response',
      `unexpected answer from ${contract.method} ${contract.path} (${where})`,
      checked.error.issues,
    );
  }
  return checked.data as ResponseOf<C>;
}

/** Builds a query string from defined, non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
