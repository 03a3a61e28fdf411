import { Fragment, type ReactNode } from 'react';

/**
 * Words with a little markup kept in the translation (`Press <kbd>?</kbd> for help`): each tag is
 * rendered by the given function, its content as text. Anything else stays text, never HTML.
 */
export function rich(text: string, tags: Record<string, (content: string) => ReactNode>): ReactNode {
  const parts: ReactNode[] = [];
  const pattern = /<(\w+)>(.*?)<\/\1>/g;
  let last = 0;
  let key = 0;
  for (const match of text.matchAll(pattern)) {
    const [whole, tag = '', content = ''] = match;
    const index = match.index ?? 0;
    if (index > last) parts.push(text.slice(last, index));
    const render = tags[tag];
    parts.push(<Fragment key={key++}>{render ? render(content) : content}</Fragment>);
    last = index + whole.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}
