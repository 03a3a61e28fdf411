/**
 * What every contract suite shares (modelled on Hono's `runTest({ skip: [{ reason, tests }] })`): a
 * suite is registered once per engine, and the tests it does not run there are listed by name, each
 * list with its reason. A skipped test still appears in the run, as a skipped test whose name carries
 * the reason, and is printed when the suite is collected; a skip naming no test of the suite fails
 * the run, so the lists cannot rot.
 *
 *   for (const engine of contractEngines) {
 *     runChannelContract('email', { engine, skip: [{ reason: 'no Dovecot here', tests: 'all' }] }, harness);
 *   }
 */
import { it, type TestFunction } from 'vitest';
import { pgTestUrl } from './engines.js';

/** A database engine Rapport runs on. */
export type Engine = 'sqlite' | 'postgres';

/**
 * The engines every contract suite is registered for. PostgreSQL is always listed: without
 * RAPPORT_TEST_DATABASE_URL its tests show up as skipped, with that reason, rather than vanish.
 */
export const contractEngines: readonly Engine[] = ['sqlite', 'postgres'];

/** Tests a suite does not run on an engine, and why ('all': the whole suite). */
export interface ContractSkip<Name extends string = string> {
  reason: string;
  tests: readonly Name[] | 'all';
}

/** How one run of a contract suite is set up: its engine and its explicit skips. */
export interface ContractOptions<Name extends string = string> {
  engine: Engine;
  skip?: readonly ContractSkip<Name>[];
}

/** Why PostgreSQL runs are skipped on this machine, or null when they run. */
export function engineUnavailable(engine: Engine): string | null {
  return engine === 'postgres' && !pgTestUrl()
    ? 'PostgreSQL is not configured (set RAPPORT_TEST_DATABASE_URL; .ci/run does)'
    : null;
}

/** A contract suite's test registration on one engine (see contractTests). */
export interface ContractRegistrar<Name extends string> {
  /** Why the whole suite is skipped on this engine, or null. */
  readonly allSkipped: string | null;
  /** The reason `name` is skipped on this engine, or null when it runs. */
  skipped(name: Name): string | null;
  /** Registers `name` as a test, or as a skipped test carrying its reason. */
  test(name: Name, fn: TestFunction, timeout?: number): void;
  /** Fails when a skip names a test the suite never registered (call after the last test). */
  done(): void;
}

/** Starts registering the tests of `suite` on `options.engine`, honouring its skip lists. */
export function contractTests<Name extends string>(
  suite: string,
  options: ContractOptions<Name>,
): ContractRegistrar<Name> {
  const { engine } = options;
  const unavailable = engineUnavailable(engine);
  const skips = options.skip ?? [];
  const wholeSuite = skips.find((s) => s.tests === 'all')?.reason ?? null;
  const allSkipped = unavailable ?? wholeSuite;
  const reasons = new Map<string, string>();
  for (const s of skips) {
    if (s.tests === 'all') continue;
    for (const name of s.tests) {
      if (reasons.has(name)) throw new Error(`${suite}: "${name}" is skipped twice on ${engine}`);
      reasons.set(name, s.reason);
    }
  }
  const registered = new Set<string>();
  const skipped = (name: Name) => allSkipped ?? reasons.get(name) ?? null;
  if (allSkipped) console.info(`[contract] ${suite} on ${engine}: SKIPPED, ${allSkipped}`);
  return {
    allSkipped,
    skipped,
    test(name, fn, timeout) {
      if (registered.has(name)) throw new Error(`${suite}: two tests are named "${name}"`);
      registered.add(name);
      const reason = skipped(name);
      if (reason === null) {
        it(name, fn, timeout);
        return;
      }
      if (!allSkipped) console.info(`[contract] ${suite} on ${engine}: skipped "${name}": ${reason}`);
      it.skip(`${name} [skipped on ${engine}: ${reason}]`, () => {});
    },
    done() {
      const unknown = [...reasons.keys()].filter((name) => !registered.has(name));
      if (unknown.length > 0) {
        throw new Error(`${suite}: the skip list on ${engine} names no such test: ${unknown.join(', ')}`);
      }
    },
  };
}
