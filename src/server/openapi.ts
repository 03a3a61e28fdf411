import { z } from 'zod';
import type { RouteContract } from '../contract/api-contract.js';
import { roles } from '../domain/roles.js';
import { CSRF_HEADER } from './auth/plugin.js';
import { SESSION_COOKIE } from './auth/session-cookie.js';
import { errorBodySchema } from './routes/common.schema.js';

type Json = Record<string, unknown>;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The reference page's sections in reading order; a tag not listed here comes after them. */
const TAG_ORDER = [
  'Sign-in',
  'Conversations',
  'Messages',
  'Triage',
  'Live',
  'Metrics',
  'SLA',
  'Channels',
  'Users and tokens',
  'Health',
];
const COMPONENT_REF = '#/components/schemas/';

/** Replaces every `$ref` of a converted schema by what `rename` says (in place). */
function rewriteRefs(node: unknown, rename: (ref: string) => string): void {
  if (Array.isArray(node)) {
    for (const item of node) rewriteRefs(item, rename);
  } else if (node && typeof node === 'object') {
    const object = node as Json;
    if (typeof object.$ref === 'string') object.$ref = rename(object.$ref);
    for (const value of Object.values(object)) rewriteRefs(value, rename);
  }
}

/**
 * Converts zod schemas to JSON Schema 2020-12 (zod's own z.toJSONSchema) and keeps the named ones
 * (`.meta({ id })`) once, under components/schemas. A name used with two different shapes (a
 * request's input side and an answer's output side) gets an `Input` suffix on the request side;
 * anything else that would collide is a programming error and throws.
 */
class SchemaBook {
  readonly components: Record<string, Json> = {};

  convert(schema: z.ZodType, io: 'input' | 'output'): Json {
    const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
    delete json.$schema;
    const defs = (json.$defs ?? {}) as Record<string, Json>;
    delete json.$defs;
    const names = new Map<string, string>();
    for (const [id, def] of Object.entries(defs)) {
      const serialised = JSON.stringify(def);
      const free = (name: string) => {
        const existing = this.components[name];
        return !existing || JSON.stringify(existing.raw) === serialised;
      };
      const name = free(id) ? id : io === 'input' && free(`${id}Input`) ? `${id}Input` : null;
      if (!name) throw new Error(`two different schemas are named ${id}`);
      names.set(id, name);
      this.components[name] ??= { raw: structuredClone(def), def };
    }
    const rename = (ref: string) => {
      const id = ref.startsWith('#/$defs/') ? ref.slice('#/$defs/'.length) : null;
      return id && names.has(id) ? `${COMPONENT_REF}${names.get(id)}` : ref;
    };
    rewriteRefs(json, rename);
    for (const [id] of Object.entries(defs)) rewriteRefs(this.components[names.get(id)!]!.def, rename);
    return json;
  }

  schemas(): Record<string, Json> {
    const sorted = Object.keys(this.components).sort();
    return Object.fromEntries(sorted.map((name) => [name, this.components[name]!.def as Json]));
  }
}

/** `/api/v1/conversations/:id` → `/api/v1/conversations/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

function parameters(book: SchemaBook, schema: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const json = book.convert(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function security(contract: RouteContract): Json[] {
  const auth = contract.auth;
  if ('public' in auth) return [];
  if ('signature' in auth) return [{ webhookSignature: [] }];
  const session = UNSAFE.has(contract.method) ? { session: [], csrf: [] } : { session: [] };
  return [session, { bearer: [] }];
}

function successResponse(book: SchemaBook, contract: RouteContract): [string, Json] {
  const status = String(contract.status ?? 200);
  if (contract.status === 204) return [status, { description: 'Done; no body.' }];
  if (contract.kind === 'file') {
    const schema = { type: 'string', contentMediaType: 'application/octet-stream' };
    return [status, { description: 'The file.', content: { 'application/octet-stream': { schema } } }];
  }
  const schema = contract.response ? book.convert(contract.response, 'output') : {};
  if (contract.kind === 'event-stream') {
    return [
      status,
      {
        description: 'A stream of events; each `data:` line holds one JSON object of this schema.',
        content: { 'text/event-stream': { schema: { type: 'string' }, 'x-event-data': schema } },
      },
    ];
  }
  return [status, { description: 'OK', content: { 'application/json': { schema } } }];
}

function operation(book: SchemaBook, contract: RouteContract): Json {
  const auth = contract.auth;
  const who =
    'role' in auth
      ? `Requires the **${auth.role}** role (or higher).`
      : 'public' in auth
        ? 'Public: no credentials.'
        : `Public; the body is signed in the \`${auth.signature}\` header.`;
  const responses: Json = Object.fromEntries([successResponse(book, contract)]);
  const hasInput = Boolean(contract.params || contract.query || contract.body);
  if (hasInput || contract.method !== 'GET') responses['400'] = { $ref: '#/components/responses/Invalid' };
  if ('role' in auth) {
    responses['401'] = { $ref: '#/components/responses/Unauthenticated' };
    responses['403'] = { $ref: '#/components/responses/Forbidden' };
  }
  if (contract.params) responses['404'] = { $ref: '#/components/responses/NotFound' };
  responses.default = { $ref: '#/components/responses/Error' };
  const op: Json = {
    operationId: contract.operationId,
    tags: [contract.tag],
    summary: contract.summary,
    description: [contract.description, who].filter(Boolean).join('\n\n'),
    security: security(contract),
    ...('role' in auth ? { 'x-rapport-role': auth.role } : {}),
  };
  const params = [...parameters(book, contract.params, 'path'), ...parameters(book, contract.query, 'query')];
  if (params.length > 0) op.parameters = params;
  if (contract.body) {
    op.requestBody = {
      required: !contract.bodyOptional,
      content: { 'application/json': { schema: book.convert(contract.body, 'input') } },
    };
  }
  op.responses = responses;
  return op;
}

const rank = (tag: string) => (TAG_ORDER.includes(tag) ? TAG_ORDER.indexOf(tag) : TAG_ORDER.length);

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: `${COMPONENT_REF}Error` } } },
});

/**
 * The OpenAPI 3.1 document of the given contracts (GET /api/openapi.json): paths with their auth,
 * parameters, bodies and answers, generated from the same zod schemas the server validates with.
 */
export function openApiDocument(contracts: readonly RouteContract[]): Json {
  const book = new SchemaBook();
  book.convert(errorBodySchema, 'output');
  const paths: Record<string, Json> = {};
  const tags: string[] = [];
  // answers first, so shared names belong to the answer shapes and requests get the suffix
  const ordered = [...contracts].sort((a, b) => rank(a.tag) - rank(b.tag));
  for (const c of ordered) successResponse(book, c);
  for (const c of ordered) {
    const path = openApiPath(c.path);
    const methods = paths[path] ?? {};
    paths[path] = methods;
    const method = c.method.toLowerCase();
    if (methods[method]) throw new Error(`two contracts for ${c.method} ${c.path}`);
    methods[method] = operation(book, c);
    if (!tags.includes(c.tag)) tags.push(c.tag);
  }
  const signatureHeaders = [
    ...new Set(contracts.flatMap((c) => ('signature' in c.auth ? [c.auth.signature] : []))),
  ];
  if (signatureHeaders.length > 1) throw new Error('signed webhooks must share one signature header');
  return {
    openapi: '3.1.0',
    info: {
      title: 'Rapport API',
      version: 'v1',
      description:
        'JSON, camelCase; times are epoch milliseconds. Roles, weakest first: ' +
        `${roles.join(', ')}. Errors answer {error:{code, message, details?}}. See docs/API.md.`,
    },
    tags: tags.map((name) => ({ name })),
    paths,
    components: {
      schemas: book.schemas(),
      responses: {
        Invalid: errorResponse(
          'validation_failed: the request does not match its schema (details lists why).',
        ),
        Unauthenticated: errorResponse('unauthenticated: no valid session cookie or API token.'),
        Forbidden: errorResponse('forbidden (role too weak) or csrf_failed (cookie without x-csrf-token).'),
        NotFound: errorResponse('not_found'),
        Error: errorResponse(
          'Any other error (409 conflict, 413, 422 channel_invalid or reply_blocked, 429, 5xx).',
        ),
      },
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: 'The browser session, set by POST /api/v1/auth/login or /auth/setup.',
        },
        csrf: {
          type: 'apiKey',
          in: 'header',
          name: CSRF_HEADER,
          description:
            'With the session cookie, every POST, PUT, PATCH and DELETE sends this header; its value ' +
            'is the csrfToken from /auth/state, /auth/login or /auth/setup.',
        },
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token (rpt_…) from `rapport token create` or POST /api/v1/tokens; no CSRF.',
        },
        ...(signatureHeaders[0]
          ? { webhookSignature: { type: 'apiKey', in: 'header', name: signatureHeaders[0] } }
          : {}),
      },
    },
  };
}
