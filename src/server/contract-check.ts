import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RouteContract } from '../contract/api-contract.js';
import { errorBodySchema } from './routes/common.schema.js';

/** An answer that does not match its route's contract. */
export interface ContractViolation {
  route: string;
  url: string;
  status: number;
  problems: string[];
}

/** Paths of keys the raw JSON has that the parsed value lost: fields the schema does not declare. */
export function undeclaredKeys(raw: unknown, parsed: unknown, at = ''): string[] {
  if (Array.isArray(raw) && Array.isArray(parsed)) {
    return raw.flatMap((item, i) => undeclaredKeys(item, parsed[i], `${at}[${i}]`));
  }
  if (raw && typeof raw === 'object' && parsed && typeof parsed === 'object') {
    const kept = parsed as Record<string, unknown>;
    return Object.entries(raw as Record<string, unknown>).flatMap(([key, value]) => {
      const path = at ? `${at}.${key}` : key;
      return key in kept ? undeclaredKeys(value, kept[key], path) : [`${path}: not in the schema`];
    });
  }
  return [];
}

/** What is wrong with one answer, judged by its route's contract (empty when it matches). */
export function checkAnswer(
  contract: RouteContract,
  status: number,
  contentType: string,
  payload: unknown,
): string[] {
  if (status === 304) return [];
  const isError = status >= 400;
  const expected = contract.status ?? 200;
  if (!isError && status !== expected) return [`status ${status}, the contract says ${expected}`];
  if (!isError && (expected === 204 || contract.kind === 'file')) return [];
  if (!contentType.startsWith('application/json')) return [`content-type ${contentType || 'none'}`];
  let body: unknown;
  try {
    body = JSON.parse(typeof payload === 'string' ? payload : String(payload));
  } catch {
    return ['the body is not JSON'];
  }
  const schema = isError ? errorBodySchema : contract.response;
  if (!schema) return ['the contract declares no body'];
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`);
  }
  return undeclaredKeys(body, parsed.data);
}

/**
 * Test-only switch (buildServer's `checkResponses`): checks every answer of a contract route against
 * the route's schemas (or, for errors, the error body) as clients will read it, undeclared fields
 * included. A mismatch is reported and turns the answer into a 500 that names the problems, so no
 * test can pass over it.
 */
export function installResponseCheck(app: FastifyInstance, report: (violation: ContractViolation) => void) {
  const failed = new WeakSet<FastifyRequest>();
  app.addHook('onSend', async (request, reply, payload) => {
    const contract = request.routeOptions.config?.contract;
    if (!contract || failed.has(request)) return payload;
    const contentType = String(reply.getHeader('content-type') ?? '');
    const problems = checkAnswer(contract, reply.statusCode, contentType, payload);
    if (problems.length === 0) return payload;
    failed.add(request);
    const violation = {
      route: `${contract.method} ${contract.path}`,
      url: request.url,
      status: reply.statusCode,
      problems,
    };
    report(violation);
    reply.code(500).type('application/json; charset=utf-8');
    return JSON.stringify({
      error: {
        code: 'internal',
        message: `the answer breaks the contract of ${violation.route}`,
        details: violation,
      },
    });
  });
}
