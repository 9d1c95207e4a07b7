import sanitizeHtml from 'sanitize-html';
import { htmlToText } from '../conversations/sanitize.ts';

/** Tags whose content is never article text: dropped with everything inside. */
const dropWithContent = ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'svg', 'math', 'template', 'title', 'head', 'select', 'xmp', 'noembed', 'noframes', 'plaintext'];

/** Images may only come from this workspace's attachments, as the attachments route serves them. */
const ATTACHMENT_SRC = /^\/api\/v1\/attachments\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(\?disposition=inline)?$/i;

const options: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 's', 'del', 'ins', 'mark', 'small', 'sub', 'sup', 'kbd',
    'blockquote', 'code', 'pre', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'img', 'figure', 'figcaption',
    'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    ol: ['start'],
    code: ['class'],
    h2: ['id'],
    h3: ['id'],
  },
  allowedClasses: { code: [/^language-[\w-]+$/] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: dropWithContent,
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer' } }),
  },
  // An image from anywhere but our attachments route is dropped.
  exclusiveFilter: (frame) => frame.tag === 'img' && !ATTACHMENT_SRC.test(frame.attribs.src ?? ''),
};

/** Article HTML safe to show anywhere: formatting, headings, lists, links, tables, code, our images. */
export function sanitizeKbHtml(input: string): string {
  return sanitizeHtml(input, options).trim();
}

/** The attachment ids that images in a (sanitized) body point at. */
export function attachmentIdsIn(html: string): string[] {
  const ids = new Set<string>();
  for (const m of html.matchAll(/<img[^>]*\ssrc="([^"]+)"/gi)) {
    const id = ATTACHMENT_SRC.exec(m[1]!.replace(/&amp;/g, '&'))?.[1];
    if (id) ids.add(id.toLowerCase());
  }
  return [...ids];
}

/** Plain text of an article body, for search and word diffs. */
export const kbPlainText = (html: string): string => htmlToText(html);
