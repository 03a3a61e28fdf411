import { describe, expect, it } from 'vitest';
import { accentContrast, contrastRatio, parseHex } from '../web/src/channels/contrast.js';

describe('the widget accent colour against its white text (WCAG AA)', () => {
  it('computes the WCAG ratio: black on white is 21, a colour on itself is 1', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#2563eb', '#2563eb')).toBeCloseTo(1, 5);
    expect(parseHex('#abc')).toEqual([0xaa, 0xbb, 0xcc]);
    expect(parseHex('blue')).toBeNull();
  });

  it('passes the default blue and a dark green, fails yellow and a light sky blue', () => {
    expect(accentContrast('#2563eb')).toEqual({ ratio: 5.16, passes: true });
    expect(accentContrast('#166534')?.passes).toBe(true);
    expect(accentContrast('#facc15')?.passes).toBe(false);
    expect(accentContrast('#38bdf8')?.passes).toBe(false);
    // just under the line is a failure, never rounded up
    expect(accentContrast('#767676')?.passes).toBe(true); // 4.54:1, the classic lightest grey that passes
    expect(accentContrast('#777777')?.passes).toBe(false); // 4.48:1
    expect(accentContrast('not a colour')).toBeNull();
  });
});
