import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { BodyOf, ParamsOf, QueryOf, RouteContract } from '../contract/api-contract.js';
import type { Role } from '../domain/roles.js';
import { type Actor, requireRole } from './auth/actor.js';
import { parseInput } from './validate.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The contract the route was registered from (see `route`). */
    contract?: RouteContract;
  }
  interface FastifyInstance {
    /** Every contract registered on this server, in order: the OpenAPI document lists them. */
    apiContracts: RouteContract[];
  }
}

/** What a route handler receives: the validated parts of the request and the caller. */
export interface RouteInput<C extends RouteContract> {
  params: ParamsOf<C>;
  query: QueryOf<C>;
  /** Parsed by the contract's schema, or the raw body when the contract says the handler checks it. */
  body: C['rawBody'] extends true ? unknown : BodyOf<C>;
  /** The caller: always set on routes that need a role. */
  actor: C['auth'] extends { role: Role } ? Actor : Actor | null;
  request: FastifyRequest;
  reply: FastifyReply;
}

/**
 * What a handler returns: the JSON answer as the contract describes it (checked by the compiler
 * against the response schema), nothing for 204, or the reply itself for files and event streams,
 * which the handler sends on its own.
 */
export type RouteAnswer<C extends RouteContract> = C['kind'] extends 'file' | 'event-stream'
  ? FastifyReply
  : C['response'] extends z.ZodType
    ? z.input<C['response']>
    : null;

/** Extra Fastify route config (rate limits); auth and the contract come from the contract. */
export type RouteConfig = Omit<FastifyContextConfig, 'contract' | 'public'>;

/** The contracts registered on an app so far (one list per server, shared by its child contexts). */
export function apiContracts(app: FastifyInstance): RouteContract[] {
  if (!app.hasDecorator('apiContracts')) app.decorate('apiContracts', []);
  return app.apiContracts;
}

/**
 * Registers one API route from its contract: the auth plugin lets public routes through, the
 * caller's role is checked, path parameters, query and body are parsed with the contract's schemas
 * (a 400 listing each problem, as `parseInput` does), the handler runs, and the success status is
 * set. The contract is recorded for the OpenAPI document and kept in the route's config, where the
 * test-only response check finds it.
 */
export function route<const C extends RouteContract>(
  app: FastifyInstance,
  contract: C,
  handler: (input: RouteInput<C>) => Promise<RouteAnswer<C>>,
  config: RouteConfig = {},
) {
  apiContracts(app).push(contract);
  const auth = contract.auth;
  const names = contract.names ?? {};
  app.route({
    method: contract.method,
    url: contract.path,
    config: { ...config, contract, ...('role' in auth ? {} : { public: true }) },
    handler: async (request, reply) => {
      const actor = 'role' in auth ? requireRole(request, auth.role) : request.actor;
      const params = contract.params
        ? parseInput(contract.params, request.params, names.params ?? 'path')
        : undefined;
      const query = contract.query
        ? parseInput(contract.query, request.query ?? {}, names.query ?? 'query')
        : undefined;
      const raw = contract.bodyOptional ? (request.body ?? {}) : request.body;
      const body = contract.body && !contract.rawBody ? parseInput(contract.body, raw, names.body) : raw;
      const input = { params, query, body, actor, request, reply } as RouteInput<C>;
      const answer = await handler(input);
      if (contract.status && !reply.sent) reply.code(contract.status);
      return answer;
    },
  });
}
