import { convert } from 'html-to-text';
import sanitizeHtml from 'sanitize-html';

/** HTML bodies longer than this are not sanitised for display (they could never be stored anyway). */
const MAX_HTML_INPUT = 1024 * 1024;

const DISPLAY_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'center'],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    td: ['colspan', 'rowspan', 'align', 'valign'],
    th: ['colspan', 'rowspan', 'align', 'valign'],
    '*': ['dir', 'lang'],
  },
  // remote images are trackers and leak that the mail was read; only embedded (cid:) images stay
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['cid'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'template'],
  // only embedded images stay (remote or relative sources are dropped with their tag)
  exclusiveFilter: (frame) => frame.tag === 'img' && !/^cid:/i.test(frame.attribs.src ?? ''),
  transformTags: {
    // links must be absolute (a relative one would point into Rapport itself)
    a: (tagName, attribs) => {
      const { href, ...rest } = attribs;
      const absolute = href && /^(https?:|mailto:|tel:)/i.test(href.trim());
      return {
        tagName,
        attribs: absolute ? { ...rest, href, rel: 'noopener noreferrer nofollow', target: '_blank' } : rest,
      };
    },
  },
};

/**
 * Sanitises an email's HTML body for display: no scripts, styles, event handlers, forms, frames,
 * remote images or javascript: links; only a conservative set of formatting tags. Returns null when
 * the body is too big to be worth keeping.
 */
export function sanitizeEmailHtml(html: string): string | null {
  if (html.length > MAX_HTML_INPUT) return null;
  return sanitizeHtml(html, DISPLAY_OPTIONS).trim();
}

/**
 * Plain text of an HTML body, for mails without a text part: read from the sanitised HTML (so
 * nothing hidden or scripted leaks into the text), links as "text (url)", images dropped.
 */
export function htmlToPlainText(html: string): string {
  const safe = sanitizeHtml(html.slice(0, 4 * MAX_HTML_INPUT), DISPLAY_OPTIONS);
  return convert(safe, {
    wordwrap: false,
    selectors: [
      { selector: 'img', format: 'skip' },
      {
        selector: 'a',
        options: { hideLinkHrefIfSameAsText: true, linkBrackets: ['(', ')'], ignoreHref: false },
      },
    ],
  })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
