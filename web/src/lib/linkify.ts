/** A piece of message text: plain text, or an http(s) link safe to render as <a>. */
export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const urlPattern = /https?:\/\/[^\s<>"'`]+/giu;

/** Only http(s) URLs become links; anything else (javascript:, data:, …) stays plain text. */
function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Splits message text into plain text and http(s) links (trailing punctuation stays text). The
 * result is rendered as React text nodes and anchors, never as HTML.
 */
export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(urlPattern)) {
    let raw = match[0];
    const trailing = /[.,;:!?)\]}]+$/u.exec(raw);
    if (trailing) raw = raw.slice(0, raw.length - trailing[0].length);
    const start = match.index ?? 0;
    const href = raw ? safeHref(raw) : null;
    if (!href) continue;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** The first `n` UTF-16 units, without splitting an emoji's surrogate pair. */
export function cut(text: string, n: number): string {
  if (text.length <= n) return text;
  const code = text.charCodeAt(n - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n);
}
