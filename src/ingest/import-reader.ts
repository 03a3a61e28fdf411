import fs from 'node:fs';
import { parse as parseCsv } from 'csv-parse';
import { mapRow, type RowMapping } from '../channels/generic/row-mapping.js';
import { type IncomingMessage, validateMessage } from '../domain/message-format.js';
import { ValidationError } from '../platform/errors.js';
import type { TriagerSnapshot } from '../triage/snapshot.js';
import type { StoredTriage } from './ingest-triage.js';

/** What to read and how. */
export interface ReadOptions {
  file: string;
  format: 'jsonl' | 'csv';
  mapping?: RowMapping;
  batchSize: number;
  /** The model to triage valid messages with on the reader thread (none: the importer triages). */
  triager?: TriagerSnapshot;
}

/** One batch of a file: the valid messages, the rejected rows with reasons, and how far we are. */
export interface ReadBatch {
  valid: IncomingMessage[];
  /** Triage of each valid message (null for outbound ones), when the reader was given a triager. */
  triage?: (StoredTriage | null)[];
  rejects: { row: number; errors: string[] }[];
  rows: number;
  bytes: number;
}

/**
 * Reads an import file as validated batches, streaming with backpressure (memory does not grow with
 * file size). Pure parsing and validation, no database, so it can run on a worker thread.
 * A CSV that cannot be parsed further ends with ValidationError after the rows before it.
 */
export async function* readBatches(options: ReadOptions): AsyncGenerator<ReadBatch> {
  const stream = fs.createReadStream(options.file);
  let batch: ReadBatch = { valid: [], rejects: [], rows: 0, bytes: 0 };
  const take = () => {
    const full = { ...batch, bytes: stream.bytesRead };
    batch = { valid: [], rejects: [], rows: 0, bytes: 0 };
    return full;
  };
  const accept = (candidate: unknown, row: number, csv = false) => {
    batch.rows += 1;
    const v = validateMessage(candidate, row);
    if (v.ok) batch.valid.push(v.message);
    else batch.rejects.push({ row, errors: csv ? v.errors.map(csvHint) : v.errors });
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
        batch.rows += 1;
        batch.rejects.push({ row: line, errors: ['invalid JSON'] });
        continue;
      }
      accept(parsed, line);
      if (batch.rows >= options.batchSize) yield take();
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
        accept(mapRow(record as Record<string, string>, mapping), row, true);
        if (batch.rows >= options.batchSize) yield take();
      }
    } catch (error) {
      if (batch.rows > 0) yield take();
      throw new ValidationError(`CSV is malformed near row ${row + 1}: ${(error as Error).message}`);
    }
  }
  if (batch.rows > 0) yield take();
}

/** A field a CSV row lacks, with the flag that supplies it ("missing text (…): map a column…"). */
function csvHint(error: string): string {
  const field = /^missing ([a-z_.]+)/.exec(error)?.[1];
  if (!field) return error;
  if (field === 'channel')
    return `${error}: name it with --channel NAME or map a column with --map channel=COLUMN`;
  if (field === 'direction')
    return `${error}: set it with --direction inbound|outbound or map a column with --map direction=COLUMN`;
  return `${error}: map a column to it with --map ${field}=COLUMN`;
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
