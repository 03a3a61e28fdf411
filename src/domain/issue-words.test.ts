import { describe, expect, it } from 'vitest';
import { validateMessage } from './message-format.js';

const ok = {
  channel: 'generic',
  external_id: '1',
  direction: 'inbound',
  author: { id: 'a' },
  text: 'hi',
  created_at: '2026-01-01T00:00:00Z',
};
const errorsOf = (input: unknown) => {
  const v = validateMessage(input);
  return v.ok ? [] : v.errors;
};

describe('message problems in words', () => {
  it('names what is missing and what it is', () => {
    const { created_at: _c, ...noTime } = ok;
    expect(errorsOf(noTime)).toEqual(['missing created_at (when it was written, e.g. 2024-05-01T09:30:00Z)']);
  });

  it('says what a value must be and what it was', () => {
    expect(errorsOf({ ...ok, external_id: true })).toEqual([
      'external_id must be text or a number, not true',
    ]);
    expect(errorsOf({ ...ok, text: 'x'.repeat(100_001) })).toEqual([
      'text is longer than 100,000 characters',
    ]);
    expect(errorsOf({ ...ok, external_id: '' })).toEqual(['external_id is empty']);
    expect(errorsOf({ ...ok, author: 'sam' })).toEqual(['author must be an object, not text']);
  });

  it("keeps Rapport's own messages", () => {
    expect(errorsOf({ ...ok, created_at: 'soon' })).toEqual([
      expect.stringMatching(/^created_at must be ISO 8601 with a time zone/),
    ]);
    expect(errorsOf({ ...ok, url: 'ftp://x' })).toEqual(['url must be http(s)']);
  });
});
