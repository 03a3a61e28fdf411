/** WCAG contrast measured in the page: a text colour against the background really behind it. */
import type { Locator } from 'playwright-core';

/**
 * The contrast ratio of an element's placeholder (or text) colour against its first opaque
 * background (the element's own or an ancestor's), by the WCAG 2 relative-luminance formula.
 */
export function contrastOf(target: Locator, pseudo: '::placeholder' | null = null): Promise<number> {
  return target.evaluate((el, pseudoElement) => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const c = [r, g, b].map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
    };
    let node: Element | null = el;
    let background = [255, 255, 255];
    while (node) {
      const parts = rgb(getComputedStyle(node).backgroundColor);
      if (parts.length === 3 || (parts.length === 4 && parts[3] === 1)) {
        background = parts.slice(0, 3);
        break;
      }
      node = node.parentElement;
    }
    const colour = rgb(getComputedStyle(el, pseudoElement).color).slice(0, 3);
    const [a, b] = [luminance(colour), luminance(background)].sort((x, y) => y - x);
    return (a! + 0.05) / (b! + 0.05);
  }, pseudo);
}
