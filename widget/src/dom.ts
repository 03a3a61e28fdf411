/**
 * Tiny DOM helpers. Everything that comes from people (messages, names, the brand's settings) goes
 * in as text nodes or attributes: the widget never assigns HTML.
 */

type Child = Node | string | null | undefined | false;

/** An element with attributes and children (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false) continue;
    el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child) el.append(child);
  return el;
}

const URL_RE = /\bhttps?:\/\/[^\s<>"']+/gi;

/**
 * Message text as nodes: plain text, with http(s) links made clickable (opened in a new tab, no
 * referrer, no opener). Trailing punctuation stays out of the link.
 */
export function textWithLinks(text: string): Node[] {
  const out: Node[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_RE)) {
    let href = match[0];
    const trail = /[.,;:!?)\]]+$/.exec(href);
    if (trail) href = href.slice(0, -trail[0].length);
    const start = match.index ?? 0;
    let valid = false;
    try {
      valid = /^https?:$/.test(new URL(href).protocol);
    } catch {
      valid = false;
    }
    if (!valid) continue;
    if (start > last) out.push(document.createTextNode(text.slice(last, start)));
    out.push(h('a', { href, target: '_blank', rel: 'noopener noreferrer nofollow' }, href));
    last = start + href.length;
  }
  if (last < text.length) out.push(document.createTextNode(text.slice(last)));
  return out;
}

/** The chat-bubble icon, built with DOM calls. */
export function chatIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute(
    'd',
    'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6v2h2V9H7zm4 0v2h2V9h-2zm4 0v2h2V9h-2z',
  );
  svg.append(path);
  return svg;
}

/** A random UUID, also on plain-http pages where crypto.randomUUID is missing. */
export function uuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
