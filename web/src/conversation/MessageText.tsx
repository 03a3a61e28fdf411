import { type ReactNode, useState } from 'react';

/** Beyond this many characters a message starts collapsed, with "Show more". */
export const collapseAt = 1500;
const collapsedLength = 1000;

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

/** Splits text into text nodes and safe http(s) links (rel noopener noreferrer nofollow). */
export function linkify(text: string): ReactNode[] {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(urlPattern)) {
    let raw = match[0];
    const trailing = /[.,;:!?)\]}]+$/u.exec(raw);
    if (trailing) raw = raw.slice(0, raw.length - trailing[0].length);
    const start = match.index ?? 0;
    const href = safeHref(raw);
    if (!href || !raw) continue;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(
      <a key={start} href={href} target="_blank" rel="noopener noreferrer nofollow">
        {raw}
      </a>,
    );
    last = start + raw.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** The first `n` UTF-16 units, without splitting an emoji's surrogate pair. */
function cut(text: string, n: number): string {
  const code = text.charCodeAt(n - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n);
}

/**
 * A message body rendered as inert text: React text nodes only (markup shows as typed), direction
 * detected per message (dir="auto"), long words wrapped, very long messages collapsed.
 */
export function MessageText({ text }: { text: string }) {
  const [expanded, setExpanded] = useState(false);
  const long = text.length > collapseAt;
  const shown = long && !expanded ? `${cut(text, collapsedLength)}…` : text;
  return (
    <div className="msg-text-wrap">
      <p className="msg-text" dir="auto">
        {linkify(shown)}
      </p>
      {long ? (
        <button
          type="button"
          className="link-button"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded
            ? 'Show less'
            : `Show more (${(text.length - collapsedLength).toLocaleString()} more characters)`}
        </button>
      ) : null}
    </div>
  );
}
