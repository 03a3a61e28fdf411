import { describe, expect, it } from 'vitest';
import { graphemeLength } from './text-length.js';

describe('graphemeLength', () => {
  it('counts what people see as one character once', () => {
    expect(graphemeLength('hello')).toBe(5);
    expect(graphemeLength('👍🏽')).toBe(1); // emoji + skin tone: 4 UTF-16 units
    expect(graphemeLength('👨‍👩‍👧')).toBe(1); // family joined with ZWJ
    expect(graphemeLength('é')).toBe(1); // e + combining accent
    expect(graphemeLength('')).toBe(0);
  });
});
