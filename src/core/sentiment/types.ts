/** The languages the sentiment analyzer knows (the app's six). */
export const sentimentLanguages = ['en', 'cy', 'pl', 'hi', 'zh-Hans', 'zh-Hant'] as const;
export type SentimentLanguage = (typeof sentimentLanguages)[number];

export interface SentimentResult {
  /** −1 (very negative) … 1 (very positive); 0 when nothing in the text carries sentiment. */
  score: number;
  language: SentimentLanguage;
  /** How many lexicon entries, emoji and emoticons matched. */
  hits: number;
}

/**
 * One language's lexicon as written by hand. Valences run from about −4 to 4 (3 = "great",
 * 2 = "good", 1 = mild). Keys are lower case and NFC; Devanagari keys are written without nukta.
 */
export interface LexiconSource {
  /** Whole words. */
  words: Record<string, number>;
  /** Word beginnings for inflected languages: "rozczarow" matches rozczarowana, rozczarowujące. */
  stems?: Record<string, number>;
  /** Several words (space separated) read as one, longest first; valence 0 blanks its words ("would like"). */
  phrases?: Record<string, number>;
  /** Words that flip the sentiment of what follows them within `scope` tokens (not, ddim, nie, 不). */
  negators: string[];
  /** Words that flip the sentiment of what comes just before them (Hindi "खुश नहीं"). */
  negatorsAfter?: string[];
  /** Multipliers of the next sentiment word: very 1.3, slightly 0.6. */
  boosters: Record<string, number>;
  /** Multipliers of the sentiment word just before them (Welsh "da iawn"). */
  postBoosters?: Record<string, number>;
  /** "but": what comes after counts more, what came before less. */
  contrast: string[];
}
