import fs from 'node:fs';
import path from 'node:path';
import { backupSqlite, restoreSqlite } from '../../store/backup.js';
import { migrate, openDatabase } from '../../store/database.js';
import { parseCommandArgs } from '../args.js';
import type { CliContext, Command } from '../command.js';
import { UsageError } from '../command.js';
import { Progress } from '../progress.js';

const pgDumpHelp = (url: string) =>
  [
    'rapport backup copies SQLite installs. On PostgreSQL, use its own tools:',
    `  back up:  pg_dump --format=custom --file=rapport.dump "${url.replace(/:[^:@/]*@/, ':***@')}"`,
    '  restore:  createdb rapport_restored && pg_restore --no-owner --dbname=<new database URL> rapport.dump',
    'Keep RAPPORT_SECRET_KEY with the dump: channel secrets cannot be read without it.',
    'See docs/DEPLOY.md (Backups).',
  ].join('\n');

const summary = (counts: { conversations: number; messages: number; contacts: number }) =>
  `${counts.conversations.toLocaleString('en-US')} conversations, ${counts.messages.toLocaleString('en-US')} messages, ${counts.contacts.toLocaleString('en-US')} contacts`;

/** `rapport backup FOLDER`: an online, checked copy of a SQLite install (database, key, manifest). */
export const backupCommand: Command = {
  name: 'backup',
  summary: 'copy the SQLite database and its secret key into a folder, while Rapport runs',
  usage: 'rapport backup FOLDER   (the folder must be new or empty; PostgreSQL: prints how to use pg_dump)',
  async run(argv, ctx) {
    const { positionals } = parseCommandArgs(argv, {});
    const folder = positionals[0];
    if (!folder || positionals.length > 1) throw new UsageError('give one folder to back up into');
    if (ctx.config.engine === 'postgres') {
      ctx.stderr.write(`${pgDumpHelp(ctx.config.DATABASE_URL ?? '')}\n`);
      return 1;
    }
    if (!fs.existsSync(path.join(ctx.config.dataDir, 'rapport.db'))) {
      ctx.stderr.write(`no Rapport database in ${ctx.config.dataDir} (check RAPPORT_DATA_DIR)\n`);
      return 1;
    }
    const db = await openDatabase(ctx.config);
    try {
      const progress = new Progress(ctx.stderr, 'backup');
      const manifest = await backupSqlite(db, {
        folder: path.resolve(folder),
        secretKeyFile: ctx.config.RAPPORT_SECRET_KEY ? null : path.join(ctx.config.dataDir, 'secret.key'),
        onProgress: (done, total) => {
          progress.setTotal(total);
          progress.update(done, 'pages');
        },
      });
      progress.finish('pages');
      ctx.stdout.write(`backed up ${summary(manifest.counts)} to ${path.resolve(folder)}\n`);
      if (!manifest.secretKey) {
        ctx.stdout.write(
          'the secret key is not in the backup (RAPPORT_SECRET_KEY is set): keep it with the backup\n',
        );
      }
      return 0;
    } finally {
      await db.close();
    }
  },
};

/** `rapport restore FOLDER [--force]`: puts a backup in place as this install's database, then upgrades it. */
export const restoreCommand: Command = {
  name: 'restore',
  summary: 'replace the SQLite database with a backup made by rapport backup (Rapport must be stopped)',
  usage:
    'rapport restore FOLDER [--force]   (--force replaces an existing database, keeping it as *.replaced-<time>)',
  async run(argv, ctx: CliContext) {
    const { positionals, values } = parseCommandArgs(argv, { force: { type: 'boolean', default: false } });
    const folder = positionals[0];
    if (!folder || positionals.length > 1) throw new UsageError('give the backup folder to restore');
    if (ctx.config.engine === 'postgres') {
      ctx.stderr.write(`${pgDumpHelp(ctx.config.DATABASE_URL ?? '')}\n`);
      return 1;
    }
    const manifest = restoreSqlite(path.resolve(folder), ctx.config.dataDir, values.force === true);
    const db = await openDatabase(ctx.config);
    try {
      const applied = await migrate(db);
      ctx.stdout.write(
        `restored ${summary(manifest.counts)} from ${manifest.createdAt} into ${ctx.config.dataDir}` +
          (applied.length ? `; upgraded with ${applied.join(', ')}` : '') +
          '\n',
      );
      return 0;
    } finally {
      await db.close();
    }
  },
};
