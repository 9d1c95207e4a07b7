import type { KbSearchRow } from '../../storage/kb-search.repo.ts';
import type { KbIndexDoc } from './index-port.ts';
import { analyzeKb, cjkLexemes, foldChinese } from './text.ts';
import { normalizeTerm } from '../search/analyze.ts';

/** The start of the body kept for snippets and indexed (long articles: the first 50,000 chars). */
export const MAX_INDEXED_TEXT = 50_000;
/** PostgreSQL keeps positions 1..16383 and at most 256 positions of one lexeme. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_TERM = 255;
/** Words added to the tenant's vocabulary (for typo correction) from one document. */
const MAX_VOCABULARY = 2_000;

type Weight = 'A' | 'B' | 'D';

export function quoteLexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** Builds a tsvector literal from weighted texts; returns it and the words seen. */
function vector(parts: [text: string, weight: Weight][], language: string): { literal: string; words: Set<string> } {
  const positions = new Map<string, string[]>();
  const words = new Set<string>();
  const add = (term: string, pos: number, weight: Weight) => {
    let e = positions.get(term);
    if (!e) positions.set(term, (e = []));
    if (pos <= MAX_POSITION && e.length < MAX_POSITIONS_PER_TERM) e.push(`${pos}${weight === 'D' ? '' : weight}`);
  };
  let next = 1;
  for (const [text, weight] of parts) {
    const a = analyzeKb(text, language);
    for (const w of a.words) {
      words.add(w.term);
      add(w.term, next, weight);
      for (const v of w.variants) add(v, next, weight);
      next++;
    }
    for (const run of a.cjk) {
      for (const c of new Set(run)) add(c, next, weight);
      for (const b of cjkLexemes(run)) add(b, next, weight);
      next += run.length;
    }
    next += 2; // a gap: a phrase never runs from the title into the body
  }
  const out: string[] = [];
  for (const [term, pos] of positions) {
    // Duplicate positions (a word and its stem) are fine for PostgreSQL but keep the literal short.
    const uniq = [...new Set(pos)];
    out.push(uniq.length ? `${quoteLexeme(term)}:${uniq.join(',')}` : quoteLexeme(term));
  }
  return { literal: out.join(' '), words };
}

/** Folded title and tags, for trigram similarity. */
export function foldForTrigram(text: string): string {
  return foldChinese(text)
    .split(/\s+/u)
    .map((w) => normalizeTerm(w))
    .filter(Boolean)
    .join(' ')
    .slice(0, 500);
}

/** What kbIndex writes for one article translation. */
export function indexRow(doc: KbIndexDoc): KbSearchRow {
  const text = doc.text.length > MAX_INDEXED_TEXT ? doc.text.slice(0, MAX_INDEXED_TEXT) : doc.text;
  const tags = doc.tags.join(' ');
  const all = vector([[doc.title, 'A'], [tags, 'B'], [text, 'D']], doc.language);
  const title = vector([[doc.title, 'A']], doc.language);
  const vocabulary = [...all.words].filter((w) => [...w].length >= 3 && !/^\d+$/.test(w)).slice(0, MAX_VOCABULARY);
  return {
    tenantId: doc.tenantId,
    articleId: doc.articleId,
    language: doc.language,
    title: doc.title,
    text,
    tags: doc.tags,
    visibility: doc.visibility,
    categoryId: doc.categoryId,
    helpfulYes: Math.max(0, Math.trunc(doc.helpful.yes)),
    helpfulNo: Math.max(0, Math.trunc(doc.helpful.no)),
    views: Math.max(0, Math.trunc(doc.views)),
    publishedAt: doc.publishedAt,
    tokens: all.literal,
    titleTokens: title.literal,
    titleFold: foldForTrigram(`${doc.title} ${tags}`),
    vocabulary,
  };
}
