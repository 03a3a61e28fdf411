import { describe, expect, it } from 'vitest';
import { toFts5Query, toTsQuery } from './search.js';

describe('search query building', () => {
  it('quotes every word so operators in the input are plain text', () => {
    expect(toFts5Query('refund OR "x" NEAR(')).toBe('"refund" "OR" "x" "NEAR"*');
    expect(toTsQuery("it's & | !bad")).toBe("'it' & 's' & 'bad':*");
  });
  it('treats the last word as a prefix only while typed and at least three characters long', () => {
    expect(toFts5Query('parcel arr')).toBe('"parcel" "arr"*');
    expect(toFts5Query('gate 4')).toBe('"gate" "4"');
    expect(toFts5Query('parcel ')).toBe('"parcel"');
    expect(toTsQuery('Café')).toBe("'café':*");
  });
  it('finds nothing to search in punctuation alone', () => {
    expect(toFts5Query('!!! ???')).toBeNull();
    expect(toTsQuery('')).toBeNull();
  });
});
