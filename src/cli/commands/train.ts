import fs from 'node:fs';
import { ValidationError } from '../../platform/errors.js';
import { seededRandom } from '../../platform/random.js';
import { migrate, openDatabase } from '../../store/database.js';
import { parseDataset } from '../../triage/dataset.js';
import { sentimentMetrics } from '../../triage/metrics.js';
import { storeWorkspaceModel } from '../../triage/service.js';
import { type LabelledRow, trainHeads, workspaceTriager } from '../../triage/train.js';
import { parseCommandArgs } from '../args.js';
import { type Command, UsageError } from '../command.js';
import { Progress } from '../progress.js';

/** Scores a model trained on 80% of the rows on the other 20% (seeded), so each version has honest metrics. */
function holdoutMetrics(rows: LabelledRow[]) {
  const rand = seededRandom(1234);
  const test: LabelledRow[] = [];
  const train: LabelledRow[] = [];
  for (const r of rows) (rand() < 0.2 ? test : train).push(r);
  if (test.length < 20 || train.length < 20) return null;
  const model = workspaceTriager(trainHeads(train), 0);
  return sentimentMetrics(
    test.map((r) => r.sentiment as string),
    test.map((r) => model.classify(r.text)),
  );
}

/**
 * `rapport train FILE`: bootstraps the workspace triage model from the team's own labelled history
 * (CSV or JSONL), stores it as a new active version and prints held-out metrics.
 */
export const trainCommand: Command = {
  name: 'train',
  summary: 'train the workspace triage model from a labelled CSV or JSONL file',
  usage:
    'rapport train FILE [--text-col text] [--label-col label] [--format csv|jsonl] [--complaint-col COL] [--intent-col COL] [--no-eval]',
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(argv, {
      'text-col': { type: 'string', default: 'text' },
      'label-col': { type: 'string', default: 'label' },
      format: { type: 'string' },
      'complaint-col': { type: 'string' },
      'intent-col': { type: 'string' },
      'no-eval': { type: 'boolean', default: false },
    });
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError('expected exactly one FILE');
    const format = values.format ?? (/\.jsonl?$/i.test(file) ? 'jsonl' : 'csv');
    if (format !== 'csv' && format !== 'jsonl') throw new UsageError('--format must be csv or jsonl');
    if (!fs.existsSync(file)) throw new ValidationError(`file not found: ${file}`);
    const { rows, skipped } = parseDataset(fs.readFileSync(file, 'utf8'), {
      format,
      textCol: values['text-col'],
      labelCol: values['label-col'],
      complaintCol: values['complaint-col'],
      intentCol: values['intent-col'],
    });
    if (rows.length === 0)
      throw new ValidationError('no usable rows (need text and a negative/neutral/positive label)');
    ctx.stderr.write(
      `read ${rows.length} rows${skipped ? ` (skipped ${skipped} without a usable label)` : ''}\n`,
    );

    const started = Date.now();
    const metrics = values['no-eval'] ? null : holdoutMetrics(rows);
    const progress = new Progress(ctx.stderr, 'training', rows.length * 2);
    const heads = trainHeads(rows, { onProgress: (done) => progress.update(done) });
    progress.update(rows.length * 2);
    progress.finish();
    const seconds = (Date.now() - started) / 1000;

    const db = await openDatabase(ctx.config);
    try {
      await migrate(db);
      const version = await storeWorkspaceModel(
        db,
        heads,
        {
          trainedRows: rows.length,
          corrections: 0,
          lastCorrectionId: await lastCorrectionId(db),
          metrics: metrics ? { holdout: metrics, trainSeconds: seconds } : { trainSeconds: seconds },
        },
        Date.now(),
      );
      ctx.stdout.write(
        `stored triage model workspace@${version}: ${rows.length} rows in ${seconds.toFixed(1)} s\n`,
      );
      if (metrics) {
        ctx.stdout.write(
          `held-out 20%: accuracy ${metrics.accuracy.toFixed(3)}, macro-F1 ${metrics.macroF1.toFixed(3)}, negative recall ${metrics.negativeRecall.toFixed(3)}\n`,
        );
      }
      return 0;
    } finally {
      await db.close();
    }
  },
};

async function lastCorrectionId(db: Awaited<ReturnType<typeof openDatabase>>): Promise<number> {
  const row = await db.kysely
    .selectFrom('triage_corrections')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}
