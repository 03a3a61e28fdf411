import { parse } from 'csv-parse/sync';
import { ValidationError } from '../platform/errors.js';
import type { LabelledRow } from './train.js';
import type { Sentiment } from './types.js';

/**
 * Reading a team's labelled history (CSV or JSONL) into training rows for `rapport train`.
 * Sentiment labels are normalised (neg/negative/-1, …); rows without a usable label are counted.
 */

/** Column names and format for a labelled file. */
export interface DatasetOptions {
  format: 'csv' | 'jsonl';
  textCol: string;
  labelCol: string;
  intentCol?: string;
  complaintCol?: string;
}

const SENTIMENT_ALIASES: Record<string, Sentiment> = {
  negative: 'negative',
  neg: 'negative',
  '-1': 'negative',
  neutral: 'neutral',
  neu: 'neutral',
  '0': 'neutral',
  positive: 'positive',
  pos: 'positive',
  '1': 'positive',
};

/** A label as one of the three sentiments, or null. */
export function normaliseSentiment(label: unknown): Sentiment | null {
  if (label === null || label === undefined) return null;
  return SENTIMENT_ALIASES[String(label).trim().toLowerCase()] ?? null;
}

/** Parses the file's content; returns usable rows and how many were skipped. */
export function parseDataset(content: string, o: DatasetOptions): { rows: LabelledRow[]; skipped: number } {
  let records: Record<string, unknown>[];
  if (o.format === 'csv') {
    records = parse(content, { columns: true, skip_empty_lines: true, bom: true, relax_column_count: true });
  } else {
    records = [];
    content.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      try {
        records.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        throw new ValidationError(`line ${i + 1} is not JSON`);
      }
    });
  }
  if (records.length && !(o.textCol in records[0]!)) {
    throw new ValidationError(`no column '${o.textCol}' (use --text-col)`);
  }
  if (records.length && !(o.labelCol in records[0]!)) {
    throw new ValidationError(`no column '${o.labelCol}' (use --label-col)`);
  }
  const rows: LabelledRow[] = [];
  let skipped = 0;
  for (const r of records) {
    const text = r[o.textCol];
    const sentiment = normaliseSentiment(r[o.labelCol]);
    if (typeof text !== 'string' || !text.trim() || !sentiment) {
      skipped += 1;
      continue;
    }
    const pick = (col?: string) => {
      const v = col ? r[col] : undefined;
      return typeof v === 'string' && v.trim() ? v.trim() : null;
    };
    rows.push({ text, sentiment, intent: pick(o.intentCol), complaintType: pick(o.complaintCol) });
  }
  return { rows, skipped };
}
