/**
 * WCAG 2 contrast for the chat widget's accent colour: the widget draws white text on the accent
 * (its header, the visitor's bubbles, the send button), so an admin choosing a light accent is
 * warned before visitors cannot read it.
 */

/** The text colour the widget draws on its accent (widget/src/styles.ts). */
export const widgetTextOnAccent = '#ffffff';

/** The smallest contrast WCAG AA allows for normal text. */
export const wcagAaNormalText = 4.5;

/** An `#rrggbb` (or `#rgb`) colour as red, green and blue 0–255, or null when it is not one. */
export function parseHex(colour: string): [number, number, number] | null {
  const match = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  if (!match) return null;
  const hex = match[1]!.length === 3 ? [...match[1]!].map((c) => c + c).join('') : match[1]!;
  return [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** Relative luminance by the WCAG 2 formula. */
export function luminance([r, g, b]: [number, number, number]): number {
  const [lr, lg, lb] = [r, g, b].map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
}

/** The contrast ratio (1 to 21) of two colours, or null when either is not a colour. */
export function contrastRatio(a: string, b: string): number | null {
  const x = parseHex(a);
  const y = parseHex(b);
  if (!x || !y) return null;
  const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Whether the widget's white text on this accent meets WCAG AA, with the ratio (null: not a colour). */
export function accentContrast(accent: string): { ratio: number; passes: boolean } | null {
  const ratio = contrastRatio(accent, widgetTextOnAccent);
  if (ratio === null) return null;
  return { ratio: Math.floor(ratio * 100) / 100, passes: ratio >= wcagAaNormalText };
}
