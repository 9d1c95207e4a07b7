import { analyze, cjkRuns } from './analyze.ts';
import type { ParsedQuery } from './terms.ts';

export interface Highlight {
  /** UTF-16 offsets into the snippet text, end exclusive. */
  start: number;
  end: number;
}
export interface Snippet {
  text: string;
  highlights: Highlight[];
}

/** Where the query's words occur in `text` (UTF-16 offsets, sorted, not overlapping). */
export function findMatches(text: string, q: Pick<ParsedQuery, 'terms' | 'cjk'>): Highlight[] {
  const tokens = analyze(text);
  const want = new Set(q.terms);
  const found: Highlight[] = [];
  for (const t of tokens) if (!t.cjk && want.has(t.term)) found.push({ start: t.start, end: t.end });
  if (q.cjk.length) {
    for (const run of cjkRuns(tokens)) {
      for (const needle of q.cjk) {
        for (let i = 0; i + needle.length <= run.chars.length; i++) {
          let k = 0;
          while (k < needle.length && run.chars[i + k] === needle[k]) k++;
          if (k === needle.length) found.push({ start: run.starts[i]!, end: run.ends[i + k - 1]! });
        }
      }
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Highlight[] = [];
  for (const h of found) {
    const last = merged.at(-1);
    if (last && h.start <= last.end) last.end = Math.max(last.end, h.end);
    else merged.push({ ...h });
  }
  return merged;
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * A window of about `max` characters of `text` around the first match, with every match inside
 * it marked. The text is plain: a client builds its own elements from the offsets.
 */
export function makeSnippet(text: string, q: Pick<ParsedQuery, 'terms' | 'cjk'>, max = 180): Snippet {
  const flat = text.replace(/\s+/gu, ' ').trim();
  const matches = findMatches(flat, q);
  let start = 0;
  if (matches.length && flat.length > max) {
    start = Math.max(0, Math.min(matches[0]!.start - Math.floor(max / 3), flat.length - max));
    // Start at a word boundary when one is near, never inside a surrogate pair.
    const space = flat.lastIndexOf(' ', matches[0]!.start);
    if (space >= start && space - start < 20) start = space + 1;
    if (start > 0 && isLowSurrogate(flat.charCodeAt(start))) start--;
  }
  let end = Math.min(flat.length, start + max);
  if (end < flat.length && isLowSurrogate(flat.charCodeAt(end))) end++;
  const prefix = start > 0 ? '…' : '';
  const suffix = end < flat.length ? '…' : '';
  const shift = prefix.length - start;
  const highlights = matches
    .filter((m) => m.start >= start && m.end <= end)
    .map((m) => ({ start: m.start + shift, end: m.end + shift }));
  return { text: prefix + flat.slice(start, end) + suffix, highlights };
}
