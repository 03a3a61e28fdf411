import { describe, expect, it } from 'vitest';
import { cleanJson, cleanText } from './clean-input.js';

describe('cleanText', () => {
  it('removes NUL, replaces unpaired surrogates with U+FFFD and keeps everything else', () => {
    expect(cleanText('a\u0000b\u0000')).toBe('ab');
    expect(cleanText('\uD800x\uDC00')).toBe('\uFFFDx\uFFFD');
    expect(cleanText('x\uD800')).toBe('x\uFFFD');
    expect(cleanText('\uDC00\uD800')).toBe('\uFFFD\uFFFD');
    const kept = 'emoji 😀 ‮rtl‬ zero​width ﻿ مرحبا';
    expect(cleanText(kept)).toBe(kept);
  });
});

describe('cleanJson', () => {
  it('cleans strings and keys at every depth, keeping the shape', () => {
    const input = { 'k\u0000': ['v\u0000', { n: 1, b: true, z: null, s: '\uD83D' }] };
    expect(cleanJson(input)).toEqual({
      ok: true,
      value: { k: ['v', { n: 1, b: true, z: null, s: '\uFFFD' }] },
    });
  });

  it('refuses nesting beyond the limit without recursing', () => {
    const deep = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    const result = cleanJson(deep, 32);
    expect(result).toMatchObject({ ok: false, reason: 'nested deeper than 32 levels' });
    expect(cleanJson(JSON.parse(`${'['.repeat(32)}${']'.repeat(32)}`), 32).ok).toBe(true);
    expect(cleanJson(JSON.parse(`${'['.repeat(33)}${']'.repeat(33)}`), 32).ok).toBe(false);
  });

  it('keeps a "__proto__" key as an own property, never as the prototype', () => {
    const result = cleanJson(JSON.parse('{"__proto__":{"admin":true}}'));
    const value = result.ok ? (result.value as Record<string, unknown>) : {};
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect((value as { admin?: boolean }).admin).toBeUndefined();
    expect(JSON.stringify(value)).toBe('{"__proto__":{"admin":true}}');
  });

  it('leaves scalars and non-plain objects alone', () => {
    const when = new Date(0);
    expect(cleanJson(5)).toEqual({ ok: true, value: 5 });
    expect(cleanJson(undefined)).toEqual({ ok: true, value: undefined });
    expect((cleanJson({ when }) as { value: { when: Date } }).value.when).toBe(when);
  });
});
