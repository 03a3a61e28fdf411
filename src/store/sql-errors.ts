/** True when an error from either engine is a unique-constraint violation (a lost insert race). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

/**
 * True when an error from either engine is a foreign-key violation. Between concurrent writers on
 * PostgreSQL this is a lost race too: a merge deleted a conversation another transaction had just
 * written into, or inserted into one a merge had just deleted.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23503' ||
    e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' ||
    /FOREIGN KEY constraint failed/.test(e?.message ?? '')
  );
}

/**
 * True when a transaction failed only because a concurrent writer got there first (a unique or
 * foreign-key violation): running it again re-reads what that writer committed and succeeds.
 */
export function isLostRace(error: unknown): boolean {
  return isUniqueViolation(error) || isForeignKeyViolation(error);
}
