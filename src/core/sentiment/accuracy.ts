import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scoreSentiment, sentimentLabel, type SentimentLabel } from './index.ts';
import { sentimentLanguages, type SentimentLanguage } from './types.ts';

/** Accuracy of the analyzer on the labelled fixtures (test/fixtures/sentiment), per language. */
export interface AccuracyRow {
  language: SentimentLanguage;
  total: number;
  correct: number;
  accuracy: number;
  misses: { text: string; label: SentimentLabel; got: SentimentLabel; score: number }[];
}

export function fixtureAccuracy(dir: string, detect = false): AccuracyRow[] {
  return sentimentLanguages.map((language) => {
    const file = JSON.parse(readFileSync(join(dir, `${language}.json`), 'utf8')) as { messages: { text: string; label: SentimentLabel }[] };
    const misses: AccuracyRow['misses'] = [];
    for (const m of file.messages) {
      const { score } = scoreSentiment(m.text, detect ? null : language);
      const got = sentimentLabel(score);
      if (got !== m.label) misses.push({ text: m.text, label: m.label, got, score });
    }
    const total = file.messages.length;
    return { language, total, correct: total - misses.length, accuracy: (total - misses.length) / total, misses };
  });
}
