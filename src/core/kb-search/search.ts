import type { Repos } from '../../storage/repos.ts';
import type { KbSearchFilter, KbSearchHit } from '../../storage/kb-search.repo.ts';
import { detectLanguage } from './language.ts';
import { analyzeQuery, analyzeSynonyms, buildQueryPlan, buildTsquery, MAX_QUERY_CHARS, synonymExpansions } from './query.ts';
import { kbMemoryFor, peekKbMemory, type KbMemory } from './cache.ts';
import { makeSnippet } from './snippet.ts';
import { foldForTrigram } from './documents.ts';
import { kbLanguages } from './stem.ts';

export type KbAudience = 'public' | 'staff';

export interface KbSearchInput {
  q: string;
  /** Only articles in these languages (any language when absent or empty). */
  languages?: string[];
  /** public: help center, widget, bot (public articles only); staff: public and internal. */
  audience: KbAudience;
  limit: number;
  categoryId?: string;
  /** The reader's language: short or ambiguous queries are taken to be in it. */
  uiLanguage?: string;
}

export interface KbSearchResult {
  articleId: string;
  language: string;
  title: string;
  visibility: 'public' | 'internal';
  snippet: string;
  score: number;
}

export interface KbSearchOutput {
  /** The language the query was taken to be in. */
  queryLanguage: string;
  results: KbSearchResult[];
}

export const MAX_LIMIT = 50;
/** Typo corrections: only for words this long, and at least this similar. */
const MIN_CORRECTED = 4;
const MIN_SIMILARITY = 0.4;
/** Trigram title matches rank after every full-text match. */
const TRIGRAM_WEIGHT = 1e-4;

/**
 * Searches a tenant's knowledge base. Never throws for odd input: an empty, punctuation-only or
 * overlong query is cut or answers nothing. Callable without a Principal (help center, bot).
 *
 * With a ready copy of the index on this node (decision 022) the search ranks on it at once and
 * reads the snippets in one statement that also returns the tenant's generation: when that shows
 * the copy was current, that one round trip is the whole search; otherwise the copy is brought
 * up to date and the search runs again.
 */
export async function searchKb(r: Repos, tenantId: string, input: KbSearchInput): Promise<KbSearchOutput> {
  const ready = peekKbMemory(r, tenantId);
  if (ready) {
    const out = await searchWith(r, tenantId, input, ready.languages, ready);
    if (out) return out;
  }
  const state = await r.kbSearch.generation(tenantId);
  const memory = await kbMemoryFor(r, tenantId, state.generation);
  if (memory) memory.languages = state.languages;
  return (await searchWith(r, tenantId, input, state.languages, memory, state.generation))!;
}

/**
 * One search on the copy (`memory`) or in the database. With `checkedAt` undefined the copy was
 * not checked first: null when the snapshot read with the snippets shows a newer generation or
 * other languages.
 */
async function searchWith(r: Repos, tenantId: string, input: KbSearchInput, languages: string[] | null, memory: KbMemory | null, checkedAt?: number): Promise<KbSearchOutput | null> {
  const limit = Math.max(1, Math.min(MAX_LIMIT, Math.trunc(input.limit) || 10));
  const q = input.q.slice(0, MAX_QUERY_CHARS).trim();
  const tenantLangs = languages?.length ? languages : [...kbLanguages];
  const candidates = [...new Set([...tenantLangs, ...(input.languages ?? [])])];
  const fallback = input.uiLanguage ?? input.languages?.[0] ?? tenantLangs[0] ?? 'en';
  const language = detectLanguage(q, candidates, fallback);
  if (q.length === 0) return { queryLanguage: language, results: [] };

  const analyzed = analyzeQuery(q, language);
  const groups = memory ? memory.synonyms : analyzeSynonyms((await r.kbSearch.allSynonyms(tenantId)).map((s) => s.terms));
  const synonyms = synonymExpansions(analyzed, groups);

  const candidatesForCorrection = [...new Set(analyzed.words.map((w) => w.term).filter((t) => [...t].length >= MIN_CORRECTED && !/\d/.test(t)))];
  const unknown = memory
    ? candidatesForCorrection.filter((t) => !memory.index.has(t))
    : await r.kbSearch.knownWords(tenantId, candidatesForCorrection).then((known) => candidatesForCorrection.filter((t) => !known.has(t)));
  const corrections = await r.kbSearch.corrections(tenantId, unknown, MIN_SIMILARITY);

  const filter: KbSearchFilter = {
    visibility: input.audience === 'public' ? ['public'] : ['public', 'internal'],
    ...(input.languages?.length ? { languages: input.languages } : {}),
    ...(input.categoryId ? { categoryId: input.categoryId } : {}),
    queryLanguage: language,
    limit: limit * 3,
  };
  let hits: KbSearchHit[];
  if (memory) hits = memory.index.search(buildQueryPlan(analyzed, synonyms, corrections), filter);
  else {
    const tsquery = buildTsquery(analyzed, synonyms, corrections);
    hits = tsquery ? await r.kbSearch.search(tenantId, tsquery, filter) : [];
  }
  if (best(hits).length < limit) {
    const folded = foldForTrigram(q).slice(0, 120);
    if ([...folded].length >= 3) {
      const similar = await r.kbSearch.similarTitles(tenantId, folded, filter);
      hits = [...hits, ...similar.map((h) => ({ ...h, score: h.score * TRIGRAM_WEIGHT }))];
    }
  }
  const highlight = [...analyzed.highlight, ...[...corrections.values()].flat()];
  const shown = best(hits).slice(0, limit);
  let texts = new Map<string, string>();
  if (memory) {
    // The copy holds no text: read it for the hits shown, with the generation to check the copy by.
    const snap = await r.kbSearch.snapshot(tenantId, shown.filter((h) => h.text === ''));
    if (checkedAt === undefined && (snap.generation !== memory.generation || !sameLanguages(snap.languages, languages))) return null;
    texts = snap.texts;
  }
  const results = shown.map((h) => ({
    articleId: h.articleId, language: h.language, title: h.title, visibility: h.visibility,
    snippet: makeSnippet(h.text || (texts.get(`${h.articleId} ${h.language}`) ?? ''), highlight), score: Number(h.score),
  }));
  return { queryLanguage: language, results };
}

function sameLanguages(a: string[] | null, b: string[] | null): boolean {
  return (a ?? []).join(',') === (b ?? []).join(',');
}

/** One hit per article (its best-scoring translation), best first. */
function best(hits: KbSearchHit[]): KbSearchHit[] {
  const byArticle = new Map<string, KbSearchHit>();
  for (const h of hits) {
    const cur = byArticle.get(h.articleId);
    if (!cur || Number(h.score) > Number(cur.score)) byArticle.set(h.articleId, h);
  }
  return [...byArticle.values()].sort((a, b) => Number(b.score) - Number(a.score) || a.articleId.localeCompare(b.articleId));
}

/** For the help center, the widget and the bot: public articles only, no Principal needed. */
export function searchPublicKb(r: Repos, tenantId: string, input: Omit<KbSearchInput, 'audience'>): Promise<KbSearchOutput> {
  return searchKb(r, tenantId, { ...input, audience: 'public' });
}
