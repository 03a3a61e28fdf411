/**
 * What one API route promises: method, path, who may call it, and the zod schemas of its path
 * parameters, query, body and answer. The server registers every route from its contract
 * (src/server/route.ts), validates requests with these schemas and generates GET /api/openapi.json
 * from them; the web app imports the same contracts to build its calls and check the answers.
 * This module and the contracts themselves (src/server/routes/*.schema.ts) import only zod and
 * pure modules (src/domain, src/triage/types.ts, src/platform/errors.ts), so browsers can load them.
 */
import type { z } from 'zod';
import type { Role } from '../domain/roles.js';

/** The HTTP methods the API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route:
 * - `{ role }`: a session cookie (with the `x-csrf-token` header on changes) or a bearer API token
 *   whose role is at least `role`;
 * - `{ public: true }`: anyone, no credentials;
 * - `{ signature }`: anyone who signs the body; the value names the signature header.
 */
export type RouteAuth = { role: Role } | { public: true } | { signature: string };

/** What the answer's body is: JSON (default), a file download, or a Server-Sent Events stream. */
export type ResponseKind = 'json' | 'file' | 'event-stream';

/** One route's contract; see the module comment. */
export interface RouteContract {
  /** Unique name of the operation in the OpenAPI document (camelCase verb + noun). */
  operationId: string;
  method: HttpMethod;
  /** Fastify syntax: `/api/v1/conversations/:id`. */
  path: string;
  auth: RouteAuth;
  /** Section of the reference page. */
  tag: string;
  summary: string;
  description?: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** A missing body counts as `{}` (the body schema decides what that means). */
  bodyOptional?: boolean;
  /**
   * The handler validates the body itself (message batches report every bad item at once); the
   * body schema then only documents it.
   */
  rawBody?: boolean;
  /**
   * How validation errors name each part ("invalid reply: text: …"); defaults: path, query, request.
   * Part of the contract because clients show these messages.
   */
  names?: { params?: string; query?: string; body?: string };
  /** Success status; 200 unless set. */
  status?: 200 | 201 | 204;
  kind?: ResponseKind;
  /**
   * The answer's body for JSON; each event's `data` for an event stream; absent for 204 and files.
   */
  response?: z.ZodType;
}

/** Declares a contract, keeping its literal types (so handlers and clients are typed from it). */
export function defineRoute<const C extends RouteContract>(contract: C): C {
  return contract;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
type Sent<S> = S extends z.ZodType ? z.input<S> : undefined;

/** What a handler receives after validation: path parameters, query and body. */
export type ParamsOf<C extends RouteContract> = Parsed<C['params']>;
export type QueryOf<C extends RouteContract> = Parsed<C['query']>;
export type BodyOf<C extends RouteContract> = Parsed<C['body']>;

/** What a client sends: the input side of the schemas (defaults may be left out). */
export interface RequestOf<C extends RouteContract> {
  params: Sent<C['params']>;
  query: Sent<C['query']>;
  body: Sent<C['body']>;
}

/** The answer a client gets back (parsed JSON), or the type of each event of a stream. */
export type ResponseOf<C extends RouteContract> = C['response'] extends z.ZodType
  ? z.output<C['response']>
  : undefined;

/** `/api/v1/conversations/:id` with `{ id: 7 }` → `/api/v1/conversations/7` (values URI-encoded). */
export function pathFor(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}
