import { quoteLexeme } from './documents.ts';
import { prefixLanguages, stem } from './stem.ts';
import { isStopword } from './stopwords.ts';
import { analyzeKb, cjkLexemes, variantsOf, type KbWord } from './text.ts';

/** Queries are cut to this many characters and words: a pasted essay still answers quickly. */
export const MAX_QUERY_CHARS = 1_000;
export const MAX_QUERY_WORDS = 24;
/** Prefix matching only for stems at least this long (shorter ones match too much). */
const MIN_PREFIX = 4;

export interface AnalyzedQuery {
  language: string;
  /** Searchable words (stop words dropped unless nothing else is left). */
  words: KbWord[];
  /** CJK runs (Simplified). */
  cjk: string[][];
  /** Terms to mark in snippets. */
  highlight: string[];
}

export function analyzeQuery(q: string, language: string): AnalyzedQuery {
  const a = analyzeKb(q.slice(0, MAX_QUERY_CHARS), language);
  const content = a.words.filter((w) => !isStopword(w.term, language) && !isStopword(w.term));
  const words = (content.length > 0 || a.cjk.length > 0 ? content : a.words).slice(0, MAX_QUERY_WORDS);
  const cjk = a.cjk.map((run) => run.filter((c) => !isStopword(c, 'zh'))).filter((run) => run.length > 0).slice(0, MAX_QUERY_WORDS);
  return { language, words, cjk, highlight: [...new Set(words.map((w) => w.term)), ...cjk.map((r) => r.join(''))] };
}

/** A synonym group, each term analyzed into its folded words (or CJK characters). */
export type SynonymGroup = string[][];

export function analyzeSynonyms(groups: string[][]): SynonymGroup[] {
  return groups.map((terms) =>
    terms.map((t) => {
      const a = analyzeKb(t, 'und');
      return [...a.words.map((w) => w.term), ...a.cjk.map((r) => r.join(''))];
    }).filter((t) => t.length > 0),
  );
}

function containsSeq(hay: string[], needle: string[]): boolean {
  if (needle.length === 0 || needle.length > hay.length) return false;
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** The other terms of every group one of whose terms the query contains. */
export function synonymExpansions(query: AnalyzedQuery, groups: SynonymGroup[]): string[][] {
  const seq = query.words.map((w) => w.term);
  const cjkText = query.cjk.map((r) => r.join('')).join(' ');
  const out: string[][] = [];
  for (const group of groups) {
    const hit = group.findIndex((t) => containsSeq(seq, t) || (t.length === 1 && /\p{Script=Han}/u.test(t[0]!) && cjkText.includes(t[0]!)));
    if (hit < 0) continue;
    group.forEach((t, i) => i !== hit && out.push(t));
  }
  return out.slice(0, MAX_QUERY_WORDS);
}

/** What one query word asks for: itself, its variants and corrections, and (cy, pl, hi) its stem as a prefix. */
function wordAlternatives(term: string, language: string, extra: readonly string[] = []): { terms: string[]; prefix: string | null } {
  const terms = [...new Set([term, ...variantsOf(term, language), ...extra])];
  let prefix: string | null = null;
  if (prefixLanguages.has(language)) {
    const s = stem(term, language);
    if ([...s].length >= MIN_PREFIX) prefix = s;
  }
  return { terms, prefix };
}

function wordClause(term: string, language: string, extra: readonly string[] = []): string {
  const alt = wordAlternatives(term, language, extra);
  const parts = alt.terms.map(quoteLexeme);
  if (alt.prefix !== null) parts.push(`${quoteLexeme(alt.prefix)}:*`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' | ')})`;
}

function cjkClause(text: string): string[] {
  return cjkLexemes([...text]).map(quoteLexeme);
}

export interface KbTsquery {
  /** Any clause may match. */
  any: string;
  /** Every word (and CJK pair) must match: null for a one-clause query. */
  all: string | null;
}

/**
 * tsquery literals. In `any`, any clause may match (ts_rank_cd ranks documents matching more of
 * them, and closer together, higher); `all` asks for every word, to find the best candidates
 * first when words are common. A word asks for itself, its stem and variants, typo corrections
 * and (Welsh, Polish, Hindi) its stem as a prefix; a synonym of several words asks for the
 * phrase. Null when nothing searchable is left.
 */
export function buildTsquery(query: AnalyzedQuery, synonyms: string[][], corrections: Map<string, string[]>): KbTsquery | null {
  const required = new Set<string>();
  for (const w of query.words) required.add(wordClause(w.term, query.language, corrections.get(w.term) ?? []));
  for (const run of query.cjk) for (const c of cjkClause(run.join(''))) required.add(c);
  const clauses = new Set(required);
  for (const syn of synonyms) {
    const parts = syn.flatMap((t) => (/\p{Script=Han}/u.test(t) ? [`(${cjkClause(t).join(' & ')})`] : [wordClause(t, query.language)]));
    if (parts.length) clauses.add(parts.length === 1 ? parts[0]! : `(${parts.join(' <-> ')})`);
  }
  if (clauses.size === 0) return null;
  return { any: [...clauses].join(' | '), all: required.size > 1 ? [...required].join(' & ') : null };
}

/**
 * A query for the in-memory index (memory-index.ts): the same clauses as `buildTsquery`, as
 * data. A clause matches a document holding any of its terms (or a term starting with its
 * prefix); an `all` clause (a synonym of several words, CJK synonyms) matches when each of its
 * parts does. Required clauses are the query's own words; the others are synonyms.
 */
export interface PlanTerm {
  terms: string[];
  prefix: string | null;
}
export interface PlanClause {
  key: string;
  parts: PlanTerm[];
  required: boolean;
}

export function buildQueryPlan(query: AnalyzedQuery, synonyms: string[][], corrections: Map<string, string[]>): PlanClause[] {
  const out = new Map<string, PlanClause>();
  const add = (parts: PlanTerm[], required: boolean) => {
    const key = parts.map((p) => `${p.terms.join('|')}${p.prefix !== null ? `|${p.prefix}*` : ''}`).join(' & ');
    if (parts.length > 0 && !out.has(key)) out.set(key, { key, parts, required });
  };
  for (const w of query.words) add([wordAlternatives(w.term, query.language, corrections.get(w.term) ?? [])], true);
  for (const run of query.cjk) for (const c of cjkLexemes(run)) add([{ terms: [c], prefix: null }], true);
  for (const syn of synonyms) {
    const parts = syn.flatMap((t) => (/\p{Script=Han}/u.test(t) ? cjkLexemes([...t]).map((c) => ({ terms: [c], prefix: null })) : [wordAlternatives(t, query.language)]));
    add(parts, false);
  }
  return [...out.values()];
}
