import type { ColumnDefinitionBuilder } from 'kysely';
import type { Engine } from '../engine.js';

/** Integer primary key: SQLite's rowid alias, or a PostgreSQL identity column. */
export function idColumn(engine: Engine) {
  return (c: ColumnDefinitionBuilder) =>
    engine === 'sqlite' ? c.primaryKey() : c.primaryKey().generatedByDefaultAsIdentity();
}
