/**
 * Turns a CSV row (column → text) into the core message format using a column mapping, so any
 * export (a help desk's, a social tool's, a public dump) can be imported without code.
 */

/** Fields of the core format a column can feed. */
export const MAPPABLE_FIELDS = [
  'channel',
  'external_id',
  'direction',
  'author.id',
  'author.handle',
  'author.name',
  'author.followers',
  'text',
  'created_at',
  'in_reply_to',
  'thread_id',
  'url',
] as const;

export type MappableField = (typeof MAPPABLE_FIELDS)[number];

/** How to read one file's rows. */
export interface RowMapping {
  /** Core field → column name. Unmapped fields default to a column of the same name (author.id → author_id). */
  columns: Partial<Record<MappableField, string>>;
  /** Channel for every row when no channel column is mapped. */
  channel?: string;
  /**
   * When the direction column holds something other than inbound/outbound (e.g. twcs's inbound
   * True/False), the value that means inbound; any other non-empty value means outbound.
   */
  inboundValue?: string;
  /** Direction of every row whose direction is not given (e.g. a dump of customers' posts only). */
  direction?: 'inbound' | 'outbound';
}

/** Parses `field=column` pairs (from --map) into a mapping; throws with the offending pair. */
export function parseMapSpec(specs: string[]): Partial<Record<MappableField, string>> {
  const columns: Partial<Record<MappableField, string>> = {};
  for (const spec of specs.flatMap((s) => s.split(','))) {
    const [field, column] = spec.split('=').map((p) => p?.trim());
    if (!field || !column || !(MAPPABLE_FIELDS as readonly string[]).includes(field)) {
      throw new Error(
        `bad mapping '${spec}': use field=column with field one of ${MAPPABLE_FIELDS.join(', ')}`,
      );
    }
    columns[field as MappableField] = column;
  }
  return columns;
}

function columnFor(mapping: RowMapping, field: MappableField): string {
  return mapping.columns[field] ?? field.replace('.', '_');
}

/** Builds a core-format object from a row; validation happens afterwards, like for any channel. */
export function mapRow(row: Record<string, string>, mapping: RowMapping): Record<string, unknown> {
  const get = (field: MappableField) => {
    const v = row[columnFor(mapping, field)];
    return v === undefined || v === '' ? undefined : v;
  };
  const id = (field: MappableField) => integerId(get(field));
  let direction = get('direction');
  if (direction !== undefined && mapping.inboundValue !== undefined) {
    direction = direction === mapping.inboundValue ? 'inbound' : 'outbound';
  }
  direction ??= mapping.direction;
  const followers = get('author.followers');
  const created = get('created_at');
  return {
    channel: get('channel') ?? mapping.channel,
    external_id: id('external_id'),
    direction,
    author: {
      id: id('author.id'),
      handle: get('author.handle') ?? null,
      name: get('author.name') ?? null,
      followers: followers !== undefined && /^\d+$/.test(followers) ? Number(followers) : null,
    },
    text: row[columnFor(mapping, 'text')] ?? undefined,
    created_at: created !== undefined && /^\d{10,13}$/.test(created) ? epoch(created) : created,
    // some exports list several parents ("1,2"); the first is the one replied to
    in_reply_to: integerId(get('in_reply_to')?.split(',')[0]?.trim()) || null,
    thread_id: get('thread_id') ?? null,
    url: get('url') ?? null,
  };
}

/** Undoes spreadsheet/pandas float formatting of integer ids ("3.0" → "3"). */
function integerId(v: string | undefined): string | undefined {
  return v !== undefined && /^\d+\.0$/.test(v) ? v.slice(0, -2) : v;
}

function epoch(v: string): number {
  const n = Number(v);
  return v.length === 10 ? n * 1000 : n;
}
