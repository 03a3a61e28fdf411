/**
 * `unsigned`: the workspace asks agents to sign and the reply ends without a sign-off. Sign-offs are
 * what support teams actually write at the end: `^AB`, `-Sam`, `- Mark`, `*JD`, `/XF`, `~Debs`, or a
 * bare trailing name or initials ("Thanks, Sam", "TY"). A name in the greeting is not a signature.
 */

/** What may follow a signature without being part of it: links, "2/2", emoji, closing brackets. */
const trailer =
  /(\s|https?:\/\/\S+|\(?\d\/\d\)?|\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u{FE0F}|\u{200D}|[)\].!]+)+$/u;

const marked =
  /(^|[\s.!?,)])[\^*~/\\]\s?[\p{L}][\p{L}.'-]{0,24}$|(^|[\s.!?,)])[-–—]\s?[\p{Lu}][\p{L}.'-]{0,24}$/u;
const closing =
  /\b([Tt]hanks|[Tt]hank you|[Cc]heers|[Rr]egards|[Bb]est|[Kk]ind regards?|[Ww]arm regards|[Ss]incerely|[Tt]ake care|TY|[Tt]y)[,!.]?\s*[-–—]?\s*[\p{Lu}][\p{L}'-]{1,20}( [\p{Lu}][\p{L}'-]{0,20})?$/u;
const initials = /(^|[.!?)]\s*|\n\s*)[\p{Lu}]{2,4}$/u;
const nameLine = /\n\s*[\p{Lu}][\p{L}'-]{1,20}( [\p{Lu}][\p{L}'-]{0,20})?$/u;
/** A bare name as the last sentence ("… Happy Halloween. Mark"), unless it is a one-word sentence. */
const bareName = /[.!?]\s*([\p{Lu}][\p{Ll}'-]{1,20})\.?$/u;
const oneWordSentences = new Set(
  'Enjoy Thanks Cheers Sorry Welcome Congrats Congratulations Absolutely Yes No Done Agreed Great Awesome Perfect Hello Hi Bye Apologies Indeed Noted Sure Certainly Definitely Exactly Brilliant Lovely Nice Wow Oops Ok Okay Anytime Soon Promise Deal Fingers Stay Safe Again Please Understood'.split(
    ' ',
  ),
);

/** The sign-off a reply ends with, or undefined. */
export function signOff(text: string): string | undefined {
  const end = text.replace(trailer, '').trimEnd();
  if (!end || end.endsWith('...') || end.endsWith('…')) return undefined;
  for (const pattern of [marked, closing, initials, nameLine]) {
    const m = pattern.exec(end);
    if (m) return m[0].replace(/^[\s.!?,)]+/u, '');
  }
  const bare = bareName.exec(end);
  if (bare && !oneWordSentences.has(bare[1]!)) return bare[1];
  return undefined;
}

/** True when the text ends with a sign-off. */
export function isSigned(text: string): boolean {
  return signOff(text) !== undefined;
}
