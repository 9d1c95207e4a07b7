import { lexicons } from './compile.ts';
import { asSentimentLanguage, detectSentimentLanguage } from './detect.ts';
import { normalize, sumTokens, tokenize } from './score.ts';
import type { SentimentResult } from './types.ts';

export { sentimentLanguages, type SentimentLanguage, type SentimentResult } from './types.ts';
export { sentimentTrend, isSharpDrop, SHARP_DROP_DEFAULTS, type SentimentPoint, type SentimentTrend, type SharpDropOptions } from './trend.ts';
export { detectSentimentLanguage, asSentimentLanguage } from './detect.ts';

/** Cut-offs for reading a score as a label: above POSITIVE_CUTOFF positive, below NEGATIVE_CUTOFF negative. */
export const POSITIVE_CUTOFF = 0.1;
export const NEGATIVE_CUTOFF = -0.1;
export type SentimentLabel = 'positive' | 'neutral' | 'negative';
export const sentimentLabel = (score: number): SentimentLabel => (score > POSITIVE_CUTOFF ? 'positive' : score < NEGATIVE_CUTOFF ? 'negative' : 'neutral');

/**
 * The sentiment of a message, −1..1, offline: lexicon per language with negation, boosters,
 * "but" clauses, emoji/emoticons, capitals and exclamation marks (docs/sentiment.md). The language
 * is the given one when it is one of the app's six (tags like "en-GB", "zh-TW" are mapped), else
 * detected from the text.
 */
export function scoreSentiment(text: string, language?: string | null): SentimentResult {
  const lang = asSentimentLanguage(language) ?? detectSentimentLanguage(text);
  if (!text) return { score: 0, language: lang, hits: 0 };
  const { sum, hits } = sumTokens(tokenize(lexicons[lang], text));
  return { score: Math.round(normalize(sum) * 1000) / 1000, language: lang, hits };
}

/**
 * The stored sentiment of an inbound message's text: the score to 3 decimals, or null when the
 * message has no text to read (an attachment alone).
 */
export function inboundSentiment(text: string): number | null {
  if (!text.trim()) return null;
  return scoreSentiment(text).score;
}
