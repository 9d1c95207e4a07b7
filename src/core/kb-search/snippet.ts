import { normalizeTerm } from '../search/analyze.ts';
import { foldChinese } from './text.ts';

const WIDTH = 180;

/** The text folded one character at a time, so offsets in it are offsets in the original. */
function foldAligned(text: string): string {
  const zh = foldChinese(text);
  const base = zh.length === text.length ? zh : text;
  let out = '';
  for (const ch of base) {
    const f = normalizeTerm(ch);
    const c = f.length > 0 ? [...f][0]! : ch;
    out += c.length === ch.length ? c : ch;
  }
  return out;
}

/** About 180 characters of `text` around the first query term it contains (its start otherwise). */
export function makeSnippet(text: string, terms: readonly string[]): string {
  const clean = text.replace(/\s+/gu, ' ').trim();
  if (clean.length <= WIDTH) return clean;
  const folded = foldAligned(clean);
  let at = -1;
  for (const t of terms) {
    if (!t) continue;
    const i = folded.indexOf(t);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  let start = at < 0 ? 0 : Math.max(0, at - 40);
  if (start > 0) {
    const space = clean.indexOf(' ', start);
    if (space >= 0 && space < at) start = space + 1;
  }
  let end = Math.min(clean.length, start + WIDTH);
  if (end < clean.length) {
    const space = clean.lastIndexOf(' ', end);
    if (space > start + WIDTH / 2) end = space;
  }
  return `${start > 0 ? '…' : ''}${clean.slice(start, end)}${end < clean.length ? '…' : ''}`;
}
