/** "On <date>, <name> wrote:" in the languages mail clients ship, possibly folded over two lines. */
const ATTRIBUTION =
  /^(on|am|le|el|il|op|den|dnia|em)\s.{4,400}\s(wrote|schrieb|a écrit|escribió|ha scritto|scrisse|schreef|skrev|napisał|escreveu)(\s.{1,400})?\s?:\s*$/i;
/** Outlook's separators before the original message's header block. */
const SEPARATOR =
  /^\s*(-{2,}\s*(original message|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale)\s*-{2,}|_{20,})\s*$/i;
const OUTLOOK_FROM = /^\s*\*?(from|von|de|da|van)\s*:\*?\s+\S/i;
const OUTLOOK_SENT = /^\s*\*?(sent|date|gesendet|envoyé|enviado|inviato|verzonden|datum)\s*:\*?\s+\S/i;

const quoted = (line: string) => /^\s*>/.test(line);
const blank = (line: string) => line.trim() === '';

/**
 * The new part of a customer's reply: the quoted history their mail client appends ("On … wrote:"
 * followed by "> " lines, an Outlook "Original Message" block, a trailing run of "> " lines) is cut,
 * since the conversation already shows those messages. Conservative: text is only cut at a
 * recognised boundary, and never when nothing would remain.
 */
export function stripQuotedReply(text: string): { text: string; trimmed: number } {
  const lines = text.split(/\r?\n/);
  // non-blank and quoted lines from each index to the end, counted in one pass: a long mail (tens of
  // thousands of lines) must stay linear, not rescan its rest for every line
  const nonBlankFrom = new Array<number>(lines.length + 2).fill(0);
  const quotedFrom = new Array<number>(lines.length + 2).fill(0);
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    nonBlankFrom[i] = nonBlankFrom[i + 1]! + (blank(lines[i]!) ? 0 : 1);
    quotedFrom[i] = quotedFrom[i + 1]! + (quoted(lines[i]!) ? 1 : 0);
  }
  let cut = -1;
  for (let i = 1; i < lines.length && cut < 0; i += 1) {
    const line = lines[i]!;
    const joined = `${line} ${lines[i + 1] ?? ''}`.trim();
    // quoted lines are never blank, so the quoted share of the non-blank rest is a ratio of counts
    const rest = nonBlankFrom[i + 1]!;
    const mostlyQuoted = rest > 0 && quotedFrom[i + 1]! >= rest * 0.6;
    if (ATTRIBUTION.test(line.trim()) && mostlyQuoted) cut = i;
    else if (ATTRIBUTION.test(joined) && !ATTRIBUTION.test(line.trim()) && quotedFrom[i + 2]! > 0) cut = i;
    else if (SEPARATOR.test(line)) cut = i;
    else if (OUTLOOK_FROM.test(line) && lines.slice(i + 1, i + 5).some((l) => OUTLOOK_SENT.test(l))) {
      // an Outlook header block counts only where a separator line or a blank line introduces it
      if (blank(lines[i - 1]!) || SEPARATOR.test(lines[i - 1]!)) cut = i;
    }
  }
  if (cut < 0) {
    // no attribution: a trailing run of quoted lines
    let start = lines.length;
    while (start > 0 && (quoted(lines[start - 1]!) || blank(lines[start - 1]!))) start -= 1;
    if (start < lines.length && lines.slice(start).some(quoted)) cut = start;
  }
  if (cut < 0) return { text, trimmed: 0 };
  const kept = lines.slice(0, cut).join('\n').trimEnd();
  if (!kept.trim()) return { text, trimmed: 0 };
  return { text: kept, trimmed: text.length - kept.length };
}
