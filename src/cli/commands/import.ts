import path from 'node:path';
import { parseMapSpec, type RowMapping } from '../../channels/generic/row-mapping.js';
import { DEFAULT_IMPORT_BATCH, importFile, importFileSize } from '../../ingest/import-file.js';
import { openServices } from '../../runtime/services.js';
import { parseCommandArgs } from '../args.js';
import { type Command, UsageError } from '../command.js';
import { Progress } from '../progress.js';

/** `rapport import FILE`: bulk-load history or another tool's export through the ingest pipeline. */
export const importCommand: Command = {
  name: 'import',
  summary: 'import messages from a JSONL or CSV file (safe to rerun)',
  usage:
    'rapport import FILE [--format jsonl|csv] [--channel NAME] [--map field=column ...] [--inbound-value VALUE] [--direction inbound|outbound] [--resolve all|answered] [--live-timers] [--batch N] [--show-rejects N]\n' +
    '  CSV columns default to the field names (external_id, direction, author_id, text, created_at, in_reply_to, ...).\n' +
    "  --direction: for rows without one (a dump of customers' posts only: --direction inbound).\n" +
    '  --resolve all|answered: importing history, the conversations it writes end resolved (answered: where the brand had the last word).\n' +
    '  --live-timers: run SLA timers on what is imported (default: imported history never falls due nor outranks live messages).\n' +
    '  --batch N: messages per transaction (default 5000); a killed import loses at most the open one, and a rerun completes it.\n' +
    '  e.g. a Twitter support dump: --channel twitter --map external_id=tweet_id,direction=inbound,in_reply_to=in_response_to_tweet_id --inbound-value True',
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(argv, {
      format: { type: 'string' },
      channel: { type: 'string' },
      map: { type: 'string', multiple: true },
      'inbound-value': { type: 'string' },
      direction: { type: 'string' },
      resolve: { type: 'string' },
      'live-timers': { type: 'boolean' },
      batch: { type: 'string' },
      'show-rejects': { type: 'string' },
    });
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError('give exactly one FILE');
    const format = values.format ?? (path.extname(file).toLowerCase() === '.csv' ? 'csv' : 'jsonl');
    if (format !== 'csv' && format !== 'jsonl') throw new UsageError('--format must be jsonl or csv');
    const batchSize = values.batch ? Number(values.batch) : DEFAULT_IMPORT_BATCH;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
      throw new UsageError('--batch must be 1..10000');
    }
    const direction = values.direction;
    if (direction !== undefined && direction !== 'inbound' && direction !== 'outbound') {
      throw new UsageError('--direction must be inbound or outbound');
    }
    const resolve = values.resolve;
    if (resolve !== undefined && resolve !== 'all' && resolve !== 'answered') {
      throw new UsageError('--resolve must be all or answered');
    }
    const showRejects = values['show-rejects'] ? Number(values['show-rejects']) : 10;
    let mapping: RowMapping | undefined;
    try {
      mapping = {
        columns: parseMapSpec(values.map ?? []),
        channel: values.channel,
        inboundValue: values['inbound-value'],
        direction,
      };
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    // before opening the database, so a mistyped path leaves no data folder behind
    try {
      importFileSize(file);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const services = await openServices(ctx.config);
    const progress = new Progress(ctx.stderr, `importing ${path.basename(file)}`);
    let shown = 0;
    try {
      const summary = await importFile(services, file, {
        format,
        mapping,
        batchSize,
        resolve,
        liveTimers: values['live-timers'] === true,
        onProgress: (p) => {
          progress.setTotal(p.totalBytes);
          progress.update(p.bytes, `${p.rows.toLocaleString('en-US')} rows`);
        },
        onReject: (r) => {
          if (shown++ < showRejects) progress.note(`rejected row ${r.row}: ${r.errors.join('; ')}`);
        },
      });
      progress.finish(`${summary.rows.toLocaleString('en-US')} rows`);
      const lines = [
        `rows:       ${summary.rows}`,
        `inserted:   ${summary.inserted}`,
        `duplicates: ${summary.duplicates}`,
        `rejected:   ${summary.rejected}`,
        ...Object.entries(summary.rejectReasons)
          .sort((a, b) => b[1] - a[1])
          .map(([reason, n]) => `  ${n} × ${reason}`),
      ];
      ctx.stdout.write(`${lines.join('\n')}\n`);
      return summary.rejected > 0 ? 3 : 0;
    } finally {
      await services.db.close();
    }
  },
};
