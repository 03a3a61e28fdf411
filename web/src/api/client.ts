/**
 * The one HTTP door of the web app: same-origin fetch with the session cookie, the CSRF header on
 * unsafe methods and typed errors built from the API's `{error:{code,message}}` bodies.
 */

let csrfToken: string | null = null;

/** Remembers the CSRF token returned by /auth/state, /auth/login or /auth/setup. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** An API answer with a non-2xx status, or a network failure (status 0). */
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
export const networkProblem =
  'cannot reach the Rapport server (it may be restarting, or this device is offline)';

/** Sends one request to the API and returns its parsed JSON body; throws ApiError otherwise. */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
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
    throw new ApiError(0, 'network', networkProblem);
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
  return parsed as T;
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
