/**
 * The bot's knowledge-base answers, from the public search (src/core/kb-search, public audience):
 * the best article in the customer's language (any language when none matches), its text cut at
 * a sentence near 700 characters, and a confidence in 0..1 from the search score.
 */
import { htmlToText } from '../conversations/sanitize.ts';
import { searchPublicKb, type KbSearchResult } from '../kb-search/search.ts';
import type { KbAnswer } from '../flows/types.ts';
import type { Repos } from '../../storage/repos.ts';

const MAX_ANSWER = 700;
/** Title-similarity (trigram) hits are scaled by 1e-4 in the search: below this a hit is not a full-text match. */
const FULL_TEXT_MIN = 1e-3;

/**
 * A full-text match is at least 0.55 (above the default threshold 0.5) and approaches 1 as the rank
 * grows; a title-similarity-only hit stays below 0.5 (at most its similarity × 0.45).
 */
export function confidenceOf(score: number): number {
  if (!(score > 0)) return 0;
  if (score < FULL_TEXT_MIN) return Math.min(0.45, (score / 1e-4) * 0.45);
  return Math.min(1, 0.55 + 0.45 * (1 - Math.exp(-score / 0.1)));
}

/** The first sentences of a text, up to about `max` characters. */
export function firstSentences(text: string, max = MAX_ANSWER): string {
  const clean = text.replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const end = Math.max(...['. ', '! ', '? ', '。', '！', '？', '।', '\n'].map((p) => cut.lastIndexOf(p)));
  return end > max / 3 ? cut.slice(0, end + 1).trim() : `${cut.trimEnd()}…`;
}

export function kbAnswerFrom(repos: () => Repos) {
  return async function kbAnswer(tenantId: string, query: string, language: string): Promise<KbAnswer | null> {
    const r = repos();
    let hit: KbSearchResult | undefined = (await searchPublicKb(r, tenantId, { q: query, languages: [language], limit: 3, uiLanguage: language })).results[0];
    if (!hit) hit = (await searchPublicKb(r, tenantId, { q: query, limit: 3, uiLanguage: language })).results[0];
    if (!hit) return null;
    const t = await r.kbArticles.translation(tenantId, hit.articleId, hit.language);
    const live = t?.state === 'published' ? t : undefined;
    const body = live ? htmlToText(live.body) : hit.snippet;
    return { articleId: hit.articleId, title: live?.title ?? hit.title, answerText: firstSentences(body), score: confidenceOf(hit.score) };
  };
}
