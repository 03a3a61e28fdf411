import { describe, expect, it } from 'vitest';
import { formatCsvDate, parseContactRow, parseCsvDate } from './contact-csv.js';

describe('contact CSV rows', () => {
  it('reads a full row: addresses lowercased, handles with their channel, dates', () => {
    const r = parseContactRow({
      name: ' Ann Lee ',
      emails: 'Ann@Example.com; ann.lee@work.test',
      handles: 'bluesky:@ann.bsky.social twitter:annlee',
      birthday: '--06-14',
      customer_since: '2019-03-01',
      notes: 'Prefers email',
    });
    expect(r).toEqual({
      ok: true,
      person: {
        name: 'Ann Lee',
        emails: ['ann@example.com', 'ann.lee@work.test'],
        handles: [
          { channel: 'bluesky', handle: 'ann.bsky.social' },
          { channel: 'twitter', handle: 'annlee' },
        ],
        birthday: { month: 6, day: 14, year: null },
        customerSince: { month: 3, day: 1, year: 2019 },
        notes: 'Prefers email',
      },
    });
  });

  it('rejects rows it cannot use, saying why', () => {
    expect(parseContactRow({ name: 'Bo', emails: 'not-an-address' })).toMatchObject({ ok: false });
    expect(parseContactRow({ name: 'Bo', handles: 'justahandle' })).toMatchObject({ ok: false });
    expect(parseContactRow({ name: 'Bo', emails: 'bo@x.test', birthday: '31/02' })).toMatchObject({
      ok: false,
    });
    expect(parseContactRow({ name: 'Bo', emails: 'bo@x.test', customer_since: '06-01' })).toMatchObject({
      ok: false,
    });
    expect(parseContactRow({ name: 'Bo' })).toMatchObject({ ok: false });
    expect(parseContactRow({})).toMatchObject({ ok: false });
  });

  it('knows real dates and writes them back the same way', () => {
    expect(parseCsvDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseCsvDate('2023-02-29')).toBeNull();
    expect(parseCsvDate('13-01')).toBeNull();
    expect(formatCsvDate(parseCsvDate('--06-14')!)).toBe('06-14');
    expect(parseCsvDate('06-14')).toEqual({ year: null, month: 6, day: 14 });
    expect(formatCsvDate(parseCsvDate('2019-3-1')!)).toBe('2019-03-01');
  });
});
