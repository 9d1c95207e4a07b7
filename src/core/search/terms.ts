import { analyze, bigrams, cjkRuns, type Token } from './analyze.ts';

/**
 * What goes into the index and what a query asks for, both built from `analyze`. PostgreSQL gets
 * ready-made lexemes (a tsvector literal and a tsquery literal): its own parser never sees our
 * text, so it cannot cut Hindi at a combining mark or drop Chinese characters under a C locale.
 */

/** PostgreSQL keeps positions 1..16383; later words are indexed without a position. */
const MAX_POSITION = 16_383;
/** PostgreSQL keeps at most 256 positions of one lexeme. */
const MAX_POSITIONS_PER_TERM = 255;

function quote(term: string): string {
  if (!term.includes("'") && !term.includes('\\')) return `'${term}'`;
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * A tsvector literal for a document: the title's words weigh A (they rank higher), the body's D.
 * CJK runs add their characters and character pairs at the position of the word they belong to.
 */
export function documentVector(title: string, body: string): string {
  // Each term's positions as the literal's text ("3A,7"), built as they come: a message's vector
  // is made for every new message, so it allocates little.
  const positions = new Map<string, { list: string; last: number; n: number }>();
  const add = (term: string, pos: number, weight: 'A' | 'D') => {
    let e = positions.get(term);
    if (!e) positions.set(term, (e = { list: '', last: 0, n: 0 }));
    if (pos <= MAX_POSITION && e.n < MAX_POSITIONS_PER_TERM && e.last !== pos) {
      e.list += e.n === 0 ? `${pos}${weight === 'A' ? 'A' : ''}` : `,${pos}${weight === 'A' ? 'A' : ''}`;
      e.last = pos;
      e.n++;
    }
  };
  let next = 1;
  const addText = (text: string, weight: 'A' | 'D') => {
    const tokens = analyze(text);
    const base = next;
    tokens.forEach((t, i) => add(t.term, base + i, weight));
    for (const run of cjkRuns(tokens)) {
      // A character's position is that of the first word of its run: good enough for ranking.
      const pos = base + run.firstToken;
      for (const c of new Set(run.chars)) add(c, pos, weight);
      for (const b of new Set(bigrams(run.chars))) add(b, pos, weight);
    }
    next = base + tokens.length + 1; // a gap, so a phrase never runs from the title into the body
  };
  addText(title, 'A');
  addText(body, 'D');
  const parts: string[] = [];
  for (const [term, e] of positions) parts.push(e.n ? `${quote(term)}:${e.list}` : quote(term));
  return parts.join(' ');
}

export interface ParsedQuery {
  /** A tsquery literal: every part must match (AND); words written together form a phrase. */
  tsquery: string;
  /** Normalized non-CJK terms, to mark in snippets. */
  terms: string[];
  /** CJK runs of the query (normalized characters), to mark in snippets. */
  cjk: string[][];
}

/**
 * Parses what a person typed. Whitespace separates parts, all of which must match; words that
 * the segmenter splits inside one part ("ad-daliad", "e-mail") or a "quoted phrase" must appear
 * next to each other; a Chinese or Japanese part matches a document holding all its character
 * pairs. Returns null when nothing searchable is left (only punctuation or spaces).
 */
export function parseQuery(q: string): ParsedQuery | null {
  const chunks: string[] = [];
  const re = /"([^"]*)"|(\S+)/gu;
  for (const m of q.matchAll(re)) chunks.push(m[1] ?? m[2] ?? '');
  const clauses: string[] = [];
  const terms = new Set<string>();
  const cjk: string[][] = [];
  for (const chunk of chunks) {
    const tokens = analyze(chunk);
    let phrase: Token[] = [];
    const flush = () => {
      if (phrase.length) clauses.push(phrase.length === 1 ? quote(phrase[0]!.term) : `(${phrase.map((t) => quote(t.term)).join(' <-> ')})`);
      phrase = [];
    };
    for (const t of tokens) {
      if (t.cjk) {
        flush();
        continue;
      }
      terms.add(t.term);
      phrase.push(t);
    }
    flush();
    for (const run of cjkRuns(tokens)) {
      cjk.push(run.chars);
      for (const b of new Set(bigrams(run.chars))) clauses.push(quote(b));
    }
  }
  if (clauses.length === 0) return null;
  return { tsquery: [...new Set(clauses)].join(' & '), terms: [...terms], cjk };
}
