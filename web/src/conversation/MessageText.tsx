import { useState } from 'react';
import { currentLanguage, useT } from '../i18n/index.js';
import { cut, splitLinks } from '../lib/linkify.js';

/** Beyond this many characters a message starts collapsed, with "Show more". */
export const collapseAt = 1500;
const collapsedLength = 1000;

/**
 * A message body rendered as inert text: React text nodes only (markup shows as typed), direction
 * detected per message (dir="auto"), long words wrapped, very long messages collapsed. Only http(s)
 * URLs become links, opened with rel="noopener noreferrer nofollow".
 */
export function MessageText({ text }: { text: string }) {
  const t = useT('conversation');
  const [expanded, setExpanded] = useState(false);
  const long = text.length > collapseAt;
  const shown = long && !expanded ? `${cut(text, collapsedLength)}…` : text;
  let offset = 0;
  return (
    <div className="msg-text-wrap">
      <p className="msg-text" dir="auto">
        {splitLinks(shown).map((part) => {
          const key = offset;
          offset += part.text.length;
          return part.kind === 'link' ? (
            <a key={key} href={part.href} target="_blank" rel="noopener noreferrer nofollow">
              {part.text}
            </a>
          ) : (
            part.text
          );
        })}
      </p>
      {long ? (
        <button
          type="button"
          className="link-button"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded
            ? t('showLess')
            : t('showMore', { n: (text.length - collapsedLength).toLocaleString(currentLanguage()) })}
        </button>
      ) : null}
    </div>
  );
}
