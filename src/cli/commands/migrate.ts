import { migrate, openDatabase } from '../../store/database.js';
import type { Command } from '../command.js';

/** `rapport migrate`: applies pending database migrations and lists them. */
export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'apply pending database migrations',
  usage: 'rapport migrate',
  async run(_argv, ctx) {
    const db = await openDatabase(ctx.config);
    try {
      const applied = await migrate(db);
      ctx.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
      return 0;
    } finally {
      await db.close();
    }
  },
};
