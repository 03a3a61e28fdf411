import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../engine.js';
import * as m001 from './001-initial.js';

type EngineMigration = { up(db: Kysely<unknown>, engine: Engine): Promise<void> };

/** Every migration, in order, listed by hand (no globbing): name → module. */
const ordered: [string, EngineMigration][] = [['001-initial', m001]];

/** Binds the engine into each migration, in the shape Kysely's Migrator expects. */
export function migrationsFor(engine: Engine): Record<string, Migration> {
  const result: Record<string, Migration> = {};
  for (const [name, m] of ordered) result[name] = { up: (db) => m.up(db, engine) };
  return result;
}
