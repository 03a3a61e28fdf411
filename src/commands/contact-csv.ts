import { parse } from 'csv-parse/sync';
import { CONTACT_CSV_COLUMNS, formatCsvDate, parseContactRow } from '../domain/contact-csv.js';
import { ValidationError } from '../platform/errors.js';
import { chunk } from '../store/chunks.js';
import { type ImportOutcome, importPerson } from '../store/contact-import-repo.js';
import { scoresOf } from '../store/contact-scores-repo.js';
import { identitiesOf } from '../store/contacts-read-repo.js';
import { appendEvent, type EventActor } from '../store/events-repo.js';
import type { Services } from './services.js';

/** Rows written per transaction. */
const BATCH = 200;
/** Rejections reported one by one (the rest are counted). */
const REPORTED_REJECTIONS = 100;

/** What an import did. */
export interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejections: { row: number; reason: string }[];
}

/**
 * Imports contacts from CSV (a header row; columns name, emails, handles, birthday,
 * customer_since, notes): new people are created, known ones (by address or handle) filled in, and
 * running the same file again changes nothing. Rows it cannot use are counted with their reason.
 */
export async function importContactsCsv(
  services: Services,
  /** Who imports (the CLI imports as the system). */
  actor: EventActor,
  csv: string,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportReport> {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(csv, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_')),
      bom: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      relax_column_count: true,
      trim: true,
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    throw new ValidationError(`not a CSV file: ${error instanceof Error ? error.message : String(error)}`);
  }
  const report: ImportReport = {
    rows: records.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    rejections: [],
  };
  const now = services.clock.now();
  const batches = chunk(
    records.map((r) => ({ row: r.info.lines, result: parseContactRow(r.record) })),
    BATCH,
  );
  let done = 0;
  for (const batch of batches) {
    const outcomes: ImportOutcome[] = await services.db.kysely.transaction().execute(async (trx) => {
      const out: ImportOutcome[] = [];
      for (const { result } of batch) if (result.ok) out.push(await importPerson(trx, result.person, now));
      return out;
    });
    for (const o of outcomes) report[o] += 1;
    for (const { row, result } of batch) {
      if (result.ok) continue;
      report.rejected += 1;
      if (report.rejections.length < REPORTED_REJECTIONS)
        report.rejections.push({ row, reason: result.reason });
    }
    done += batch.length;
    onProgress?.(done, records.length);
  }
  await appendEvent(services.db.kysely, {
    at: now,
    actor,
    type: 'contacts.imported',
    data: { created: report.created, updated: report.updated, rejected: report.rejected },
  });
  services.events.wake();
  return report;
}

const cell = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  // quoted when needed; a leading formula character is defused for spreadsheets
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** Every live contact as CSV (the import's columns plus id, lifecycle and last contact), a page at a time. */
export async function* exportContactsCsv(services: Services): AsyncGenerator<string> {
  const db = services.db.kysely;
  yield `${CONTACT_CSV_COLUMNS.join(',')}\n`;
  let after = 0;
  for (;;) {
    const contacts = await db
      .selectFrom('contacts')
      .select(['id', 'name', 'lifecycle'])
      .where('merged_into', 'is', null)
      .where('erased_at', 'is', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (contacts.length === 0) return;
    after = contacts[contacts.length - 1]!.id;
    const ids = contacts.map((c) => c.id);
    const identities = await identitiesOf(db, ids);
    const scores = await scoresOf(db, ids);
    const occasions = await db
      .selectFrom('contact_occasions')
      .selectAll()
      .where('contact_id', 'in', ids)
      .execute();
    const notes = await db
      .selectFrom('contact_notes')
      .selectAll()
      .where('contact_id', 'in', ids)
      .orderBy('id')
      .execute();
    let out = '';
    for (const c of contacts) {
      const own = identities.filter((i) => i.contact_id === c.id);
      const date = (kind: string) => {
        const o = occasions.find((x) => x.contact_id === c.id && x.kind === kind);
        return o ? formatCsvDate(o) : null;
      };
      const last = scores(c.id).lastContactAt;
      out += `${[
        c.id,
        c.name,
        own
          .map((i) => i.email)
          .filter((e, n, all) => e && all.indexOf(e) === n)
          .join(';'),
        own
          .filter((i) => i.channel !== 'email' && i.channel !== 'chat' && i.handle)
          .map((i) => `${i.channel}:${i.handle}`)
          .join(';'),
        date('birthday'),
        date('customer_since'),
        notes
          .filter((n) => n.contact_id === c.id)
          .map((n) => n.text)
          .join('\n'),
        c.lifecycle,
        last === null ? null : new Date(last).toISOString(),
      ]
        .map(cell)
        .join(',')}\n`;
    }
    yield out;
  }
}
