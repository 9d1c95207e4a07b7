/**
 * Splits plain text into text and link parts so that links can be rendered as <a> elements
 * (never by building HTML). Only http(s) and www. links; trailing punctuation stays text.
 */
export type Part = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const url = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi;
const trailing = /[.,;:!?)\]}'"]+$/;

export function linkify(text: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const m of text.matchAll(url)) {
    let raw = m[0];
    const start = m.index;
    const trim = trailing.exec(raw);
    if (trim) {
      // Keep a closing parenthesis that has its opening one inside the link (wiki-style URLs).
      let cut = trim[0];
      if (cut.startsWith(')') && raw.includes('(')) cut = cut.slice(1);
      raw = raw.slice(0, raw.length - cut.length);
    }
    if (!raw || raw.toLowerCase() === 'www.') continue;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    const href = /^https?:\/\//i.test(raw) ? raw : `https://${raw}`;
    parts.push({ kind: 'link', text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
