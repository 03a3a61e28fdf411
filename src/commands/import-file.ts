import fs from 'node:fs';
import { parse as parseCsv } from 'csv-parse';
import { mapRow, type RowMapping } from '../channels/generic/row-mapping.js';
import { type IncomingMessage, validateMessage } from '../domain/message-format.js';
import { ValidationError } from '../platform/errors.js';
import { systemActor } from '../store/events-repo.js';
import { ingestMessages } from './ingest.js';
import type { Services } from './services.js';

/** How to read an import file. */
export interface ImportOptions {
  format: 'jsonl' | 'csv';
  mapping?: RowMapping;
  batchSize?: number;
  onProgress?(progress: ImportProgress): void;
  onReject?(reject: { row: number; errors: string[] }): void;
}

/** Running totals, reported after every batch. */
export interface ImportProgress {
  bytes: number;
  totalBytes: number;
  rows: number;
  inserted: number;
  duplicates: number;
  rejected: number;
}

/** The final report of an import. */
export interface ImportSummary extends ImportProgress {
  /** Reason → how many rows were rejected for it. */
  rejectReasons: Record<string, number>;
}

/**
 * Imports a JSONL or CSV file through the ingest pipeline in batches, streaming so file size does
 * not matter. Each batch is one transaction and ingest is idempotent, so an import killed at any point
 * can simply be run again: nothing is lost and nothing is duplicated. Bad rows are rejected with
 * their reasons and never stop the import.
 */
export async function importFile(
  services: Services,
  file: string,
  options: ImportOptions,
): Promise<ImportSummary> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new ValidationError(`cannot read ${file}`);
  }
  if (!stat.isFile()) throw new ValidationError(`${file} is not a file`);
  const stream = fs.createReadStream(file);
  const summary: ImportSummary = {
    bytes: 0,
    totalBytes: stat.size,
    rows: 0,
    inserted: 0,
    duplicates: 0,
    rejected: 0,
    rejectReasons: {},
  };
  const batchSize = options.batchSize ?? 1000;
  let batch: IncomingMessage[] = [];

  const reject = (row: number, errors: string[]) => {
    summary.rejected += 1;
    for (const e of errors) summary.rejectReasons[e] = (summary.rejectReasons[e] ?? 0) + 1;
    options.onReject?.({ row, errors });
  };
  const flush = async () => {
    if (batch.length > 0) {
      const report = await ingestMessages(services, batch, systemActor);
      summary.inserted += report.inserted;
      summary.duplicates += report.duplicates;
      batch = [];
    }
    summary.bytes = stream.bytesRead;
    options.onProgress?.({ ...summary });
  };
  const accept = async (candidate: unknown, row: number) => {
    summary.rows += 1;
    const v = validateMessage(candidate, row);
    if (v.ok) batch.push(v.message);
    else reject(row, v.errors);
    if (batch.length >= batchSize) await flush();
  };

  if (options.format === 'jsonl') {
    let line = 0;
    for await (const text of linesOf(stream)) {
      line += 1;
      if (!text.trim()) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        summary.rows += 1;
        reject(line, ['invalid JSON']);
        continue;
      }
      await accept(parsed, line);
    }
  } else {
    const mapping = options.mapping ?? { columns: {} };
    const parser = stream.pipe(
      parseCsv({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, trim: false }),
    );
    let row = 1;
    try {
      for await (const record of parser) {
        row += 1;
        await accept(mapRow(record as Record<string, string>, mapping), row);
      }
    } catch (error) {
      await flush();
      throw new ValidationError(`CSV is malformed near row ${row + 1}: ${(error as Error).message}`);
    }
  }
  await flush();
  summary.bytes = stat.size;
  return summary;
}

/**
 * Lines of a stream, read with backpressure (readline's async iterator keeps reading ahead while
 * the consumer awaits, so memory would grow with the file).
 */
async function* linesOf(stream: fs.ReadStream): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of stream.setEncoding('utf8')) {
    const parts = (rest + (chunk as string)).split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) yield part.endsWith('\r') ? part.slice(0, -1) : part;
  }
  if (rest) yield rest;
}
