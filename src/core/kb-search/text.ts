import * as OpenCC from 'opencc-js';
import { analyze, bigrams, cjkRuns } from '../search/analyze.ts';
import { stem, welshRadicals } from './stem.ts';

/**
 * Knowledge-base text analysis, shared by indexing and querying so both agree on every term.
 * Builds on core/search/analyze.ts (Intl.Segmenter, NFKC, Latin diacritic folding, CJK runs)
 * and adds: Traditional Chinese folded to Simplified (a query in one script finds the other),
 * words split at apostrophes ("chi'n" → "chi", "n"), the Devanagari nukta dropped, light stems
 * and Welsh radicals.
 */

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
const HAN = /\p{Script=Han}/u;

/** Text with every Traditional Chinese character replaced by its Simplified form. */
export function foldChinese(text: string): string {
  return HAN.test(text) ? toSimplified(text).replace(VARIANTS_RE, (c) => VARIANTS[c] ?? c) : text;
}
/** Simplified variants written for one word in different regions ("帐户" in Taiwan-derived text, "账户" in mainland). */
const VARIANTS: Record<string, string> = { 帐: '账' };
const VARIANTS_RE = /[帐]/gu;

/** Does the text change when folded to Simplified (is it written in Traditional characters)? */
export function looksTraditional(text: string): boolean {
  return HAN.test(text) && toSimplified(text) !== text;
}

export interface KbWord {
  /** The folded word as written. */
  term: string;
  /** Other lexemes that stand for it: its stem, Welsh radicals (and their stems). */
  variants: string[];
}

export interface KbAnalysis {
  /** Non-CJK words in order. */
  words: KbWord[];
  /** CJK runs: their characters, folded to Simplified. */
  cjk: string[][];
}

const MAX_TERM = 48;

/** Variants of one folded word in `language` (not including the word itself). */
export function variantsOf(term: string, language: string): string[] {
  const out = new Set<string>();
  const s = stem(term, language);
  if (s !== term) out.add(s);
  if (language === 'cy') {
    for (const r of welshRadicals(term)) {
      out.add(r);
      out.add(stem(r, language));
    }
  }
  out.delete(term);
  return [...out];
}

export function analyzeKb(text: string, language: string): KbAnalysis {
  // The Devanagari nukta (फ़ / फ) is often left out when typing: both spellings meet.
  const tokens = analyze(foldChinese(text).normalize('NFKC').replace(/\u093C/gu, ''));
  const words: KbWord[] = [];
  for (const t of tokens) {
    if (t.cjk) continue;
    for (const part of t.term.split(/['’ʼ]/u)) {
      if (part.length === 0 || part.length > MAX_TERM) continue;
      words.push({ term: part, variants: variantsOf(part, language) });
    }
  }
  return { words, cjk: cjkRuns(tokens).map((r) => r.chars) };
}

/** Lexemes a CJK run is indexed and searched by: its character pairs (a lone character alone). */
export function cjkLexemes(chars: readonly string[]): string[] {
  return [...new Set(bigrams(chars))];
}
