import { normalizeTerm } from '../search/analyze.ts';
import { foldChinese } from './text.ts';

const WIDTH = 180;

/** Folded characters seen so far (bounded): most texts repeat a small alphabet. */
const foldedChars = new Map<string, string>();
const MAX_FOLDED_CHARS = 20_000;

function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch.length === 1 && code < 128) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
  let f = foldedChars.get(ch);
  if (f === undefined) {
    const n = normalizeTerm(ch);
    const c = n.length > 0 ? [...n][0]! : ch;
    f = c.length === ch.length ? c : ch;
    if (foldedChars.size < MAX_FOLDED_CHARS) foldedChars.set(ch, f);
  }
  return f;
}

/** The text folded one character at a time, so offsets in it are offsets in the original. */
function foldAligned(text: string): string {
  const zh = foldChinese(text);
  const base = zh.length === text.length ? zh : text;
  const out: string[] = [];
  for (const ch of base) out.push(foldChar(ch));
  return out.join('');
}

/** Where the first of `terms` occurs in the folded text (-1: none). */
function firstOf(folded: string, terms: readonly string[]): number {
  let at = -1;
  for (const t of terms) {
    if (!t) continue;
    const i = folded.indexOf(t);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  return at;
}

/** The start of a text is folded first: the term is usually there, and long texts cost little then. */
const FIRST_PASS = 800;

/** About 180 characters of `text` around the first query term it contains (its start otherwise). */
export function makeSnippet(text: string, terms: readonly string[]): string {
  const clean = text.replace(/\s+/gu, ' ').trim();
  if (clean.length <= WIDTH) return clean;
  let at = -1;
  if (clean.length > FIRST_PASS * 2) {
    // Cut at a space so a surrogate pair or a term is not split; a term found here is the first.
    const cut = clean.lastIndexOf(' ', FIRST_PASS);
    if (cut > 0) at = firstOf(foldAligned(clean.slice(0, cut)), terms);
  }
  if (at < 0) at = firstOf(foldAligned(clean), terms);
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
