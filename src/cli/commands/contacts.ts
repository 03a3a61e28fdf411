import fs from 'node:fs';
import { exportContactsCsv, importContactsCsv } from '../../commands/contact-csv.js';
import { systemActor } from '../../store/events-repo.js';
import { type Command, UsageError } from '../command.js';
import { Progress } from '../progress.js';
import { withServices } from '../services.js';

/**
 * `rapport contacts import FILE.csv` (name, emails, handles, birthday, customer_since, notes; safe
 * to run again) and `rapport contacts export [FILE.csv]` (standard output without a file).
 */
export const contactsCommand: Command = {
  name: 'contacts',
  summary: 'import contacts from CSV, or export them as CSV',
  usage: 'rapport contacts import FILE.csv | rapport contacts export [FILE.csv]',
  async run([sub, file, ...rest], ctx) {
    if (rest.length > 0) throw new UsageError('too many arguments');
    if (sub === 'import') {
      if (!file) throw new UsageError('give the CSV file to import');
      let csv: string;
      try {
        csv = fs.readFileSync(file, 'utf8');
      } catch (error) {
        throw new UsageError(
          `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      const progress = new Progress(ctx.stderr, 'contacts');
      const report = await withServices(ctx, (services) =>
        importContactsCsv(services, systemActor, csv, (done, total) => {
          progress.setTotal(total);
          progress.update(done);
        }),
      );
      progress.finish();
      ctx.stdout.write(
        `${report.rows} rows: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected} rejected\n`,
      );
      for (const r of report.rejections) ctx.stdout.write(`  row ${r.row}: ${r.reason}\n`);
      if (report.rejected > report.rejections.length) {
        ctx.stdout.write(`  … and ${report.rejected - report.rejections.length} more rejected rows\n`);
      }
      return report.rejected > 0 ? 1 : 0;
    }
    if (sub === 'export') {
      const out = file ? fs.createWriteStream(file) : ctx.stdout;
      await withServices(ctx, async (services) => {
        for await (const chunk of exportContactsCsv(services)) {
          if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
        }
      });
      if (file)
        await new Promise<void>((resolve, reject) =>
          (out as fs.WriteStream).end((e?: Error | null) => (e ? reject(e) : resolve())),
        );
      return 0;
    }
    throw new UsageError(sub ? `unknown subcommand '${sub}'` : 'give a subcommand: import or export');
  },
};
