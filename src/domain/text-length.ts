const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The length of a text as people (and Bluesky's 300-character limit) count it: user-perceived
 * characters, so an emoji or an accented letter counts once, not as two or more UTF-16 units.
 */
export function graphemeLength(text: string): number {
  let n = 0;
  for (const _ of segmenter.segment(text)) n += 1;
  return n;
}
