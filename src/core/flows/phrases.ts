/**
 * Phrase matching for short customer messages in the six product languages.
 *
 * Space-separated scripts (Latin, Devanagari) are compared as tokens: a phrase is a list of words,
 * a trailing "*" on a word matches any ending (Polish and Welsh inflect: "konsultant*" finds
 * "konsultantem"). Latin letters lose their diacritics on both sides. Chinese is matched as a
 * substring of the text with spaces removed, in whichever script the phrase is written.
 */
import { normalizeTerm } from '../search/analyze.ts';

const CJK = /[\p{Script=Han}]/u;
const SPLIT = /[^\p{L}\p{M}\p{N}]+/u;

export interface Prepared {
  tokens: string[];
  /** NFKC, lower-case, no whitespace or punctuation: for Chinese substrings. */
  compact: string;
}

export function prepare(text: string): Prepared {
  const t = text.slice(0, 2000).normalize('NFKC').toLowerCase().replace(/['’`]/g, '');
  const tokens = t.split(SPLIT).filter(Boolean).map(normalizeTerm).filter(Boolean);
  return { tokens, compact: t.replace(/[^\p{L}\p{M}\p{N}]+/gu, '') };
}

export interface Phrase {
  words: string[];
  prefix: boolean[];
  cjk: boolean;
  raw: string;
}

export function compile(list: readonly string[]): Phrase[] {
  return list.map((raw) => {
    if (CJK.test(raw)) return { words: [raw.normalize('NFKC')], prefix: [false], cjk: true, raw };
    const parts = raw.split(/\s+/).filter(Boolean);
    return {
      words: parts.map((p) => normalizeTerm(p.replace(/\*$/, '').replace(/['’]/g, ''))),
      prefix: parts.map((p) => p.endsWith('*')),
      cjk: false,
      raw,
    };
  });
}

const wordMatches = (token: string | undefined, word: string, prefix: boolean): boolean =>
  token !== undefined && (prefix ? token.startsWith(word) : token === word);

/** Token index where the phrase starts in the text (for CJK: the character index in `compact`), or -1. */
export function findPhrase(p: Prepared, phrase: Phrase, from = 0): number {
  if (phrase.cjk) return p.compact.indexOf(phrase.words[0]!, from);
  outer: for (let i = from; i <= p.tokens.length - phrase.words.length; i++) {
    for (let j = 0; j < phrase.words.length; j++) {
      if (!wordMatches(p.tokens[i + j], phrase.words[j]!, phrase.prefix[j]!)) continue outer;
    }
    return i;
  }
  return -1;
}

export function anyPhrase(p: Prepared, phrases: Phrase[]): Phrase | null {
  return phrases.find((ph) => findPhrase(p, ph) >= 0) ?? null;
}

/** The six product languages, and the ones a language's messages are also checked in. */
export const PRODUCT_LANGUAGES = ['en', 'cy', 'pl', 'hi', 'zh-Hans', 'zh-Hant'] as const;
