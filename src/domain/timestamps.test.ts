import { describe, expect, it } from 'vitest';
import { checkTimestamp, LATEST_MS, parseTimestamp, timestampMessage } from './timestamps.js';

const at = Date.UTC(2015, 1, 24, 19, 35, 52);

describe('parseTimestamp', () => {
  it('reads the forms real exports use', () => {
    expect(parseTimestamp('2015-02-24T19:35:52Z')).toBe(at);
    expect(parseTimestamp('2015-02-24T11:35:52-08:00')).toBe(at);
    expect(parseTimestamp('2015-02-24 11:35:52-0800')).toBe(at);
    // the airline-sentiment dump: a space before the zone
    expect(parseTimestamp('2015-02-24 11:35:52 -0800')).toBe(at);
    expect(parseTimestamp('2015-02-24 19:35:52 Z')).toBe(at);
    expect(parseTimestamp('2015-02-24T19:35:52.250Z')).toBe(at + 250);
    expect(parseTimestamp('Tue Feb 24 19:35:52 +0000 2015')).toBe(at);
    expect(parseTimestamp('2015-02-24T19:35:52.1239999Z')).toBe(at + 123);
    expect(parseTimestamp('2016-02-29T00:00:00+05:30')).toBe(Date.UTC(2016, 1, 28, 18, 30));
    expect(parseTimestamp(at)).toBe(at);
  });

  it('refuses times without a zone and nonsense', () => {
    expect(parseTimestamp('2015-02-24 11:35:52')).toBeNull();
    expect(parseTimestamp('2015-02-24')).toBeNull();
    expect(parseTimestamp('2015-02-30T11:35:52Z')).toBeNull();
    expect(parseTimestamp('yesterday')).toBeNull();
    expect(parseTimestamp('Tue Fob 24 19:35:52 +0000 2015')).toBeNull();
    expect(parseTimestamp('Mon Feb 30 19:35:52 +0000 2015')).toBeNull();
    expect(parseTimestamp('2015-02-24T24:00:00Z')).toBeNull();
    expect(parseTimestamp('2015-13-01T10:00:00Z')).toBeNull();
    expect(parseTimestamp('2015-02-24T10:00:00+25:00')).toBeNull();
    expect(parseTimestamp('0099-02-24T10:00:00Z')).toBeNull();
    expect(parseTimestamp(-1)).toBeNull();
  });

  it('bounds the range to 1970..2100 and refuses numbers that look like seconds', () => {
    expect(checkTimestamp(1e20)).toEqual({ ok: false, problem: 'out_of_range' });
    expect(checkTimestamp(LATEST_MS)).toEqual({ ok: false, problem: 'out_of_range' });
    expect(checkTimestamp(LATEST_MS - 1)).toEqual({ ok: true, ms: LATEST_MS - 1 });
    expect(checkTimestamp('2100-01-01T00:00:00Z')).toEqual({ ok: false, problem: 'out_of_range' });
    expect(checkTimestamp('1969-12-31T23:59:59Z')).toEqual({ ok: false, problem: 'out_of_range' });
    expect(checkTimestamp('0099-02-24T10:00:00Z')).toEqual({ ok: false, problem: 'out_of_range' });
    expect(checkTimestamp('1970-01-01T00:00:00Z')).toEqual({ ok: true, ms: 0 });
    expect(checkTimestamp(1_509_487_707)).toEqual({ ok: false, problem: 'seconds' });
    expect(checkTimestamp(99_999_999_999)).toEqual({ ok: false, problem: 'seconds' });
    expect(checkTimestamp(100_000_000_000)).toEqual({ ok: true, ms: 100_000_000_000 });
    expect(checkTimestamp(Number.NaN)).toEqual({ ok: false, problem: 'unparseable' });
    expect(timestampMessage('created_at', 1_509_487_707, 'seconds')).toContain('send 1509487707000');
  });
});
