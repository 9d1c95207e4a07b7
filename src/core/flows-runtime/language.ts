/**
 * The visitor's language from their first message. franc (through the search's detectLanguage)
 * decides scripts well but confuses short Welsh, Polish and English sentences, which is what chat
 * openers are; a count of frequent function words settles those first.
 */
import { detectLanguage } from '../kb-search/language.ts';

const MARKERS: Record<string, ReadonlySet<string>> = {
  cy: new Set(['ydych', 'ydw', 'ydy', 'chi', 'mae', 'yn', "o'r", "i'r", 'beth', 'pryd', 'sut', 'faint', 'ble', 'gloch', 'agor', 'wedi', 'fy', 'eich', 'ein', 'rydw', 'dw', 'hoffwn', 'diolch', 'helo', 'bore', 'da', 'ddim', 'gyda', 'alla', 'archeb', 'arian', 'danfon', 'dychwelyd', 'siarad', 'ar', 'yw', 'oes', 'nid', 'iawn', 'os', 'gwelwch', 'dda']),
  pl: new Set(['jest', 'się', 'nie', 'czy', 'jak', 'gdzie', 'kiedy', 'moje', 'moja', 'mój', 'proszę', 'dzień', 'dobry', 'chcę', 'mogę', 'jakie', 'które', 'której', 'zamówienie', 'paczka', 'zwrot', 'dziękuję', 'tak', 'co', 'to', 'w', 'z', 'na', 'do', 'ile']),
  en: new Set(['the', 'you', 'your', 'what', 'when', 'where', 'how', 'is', 'are', 'do', 'does', 'my', 'i', 'can', 'to', 'a', 'an', 'time', 'open', 'want', 'order', 'please', 'hello', 'hi', 'thanks', 'it', 'of', 'for', 'with', 'have', 'was', 'not']),
};
const POLISH_LETTERS = /[ąćęłńśźż]/iu;
const WELSH_LETTERS = /[ŵŷ]|ll|dd|ch|ff|rh/iu;

function wordsOf(text: string): string[] {
  return text.toLowerCase().replace(/[’‘]/g, "'").split(/[^\p{L}']+/u).filter(Boolean);
}

/** Scores for the Latin-script languages; null when nothing stands out. */
export function latinGuess(text: string, candidates: readonly string[]): string | null {
  const words = wordsOf(text);
  if (words.length === 0) return null;
  const score: Record<string, number> = {};
  for (const lang of Object.keys(MARKERS)) {
    if (!candidates.includes(lang)) continue;
    const m = MARKERS[lang]!;
    score[lang] = words.filter((w) => m.has(w) || (lang === 'cy' && (w.startsWith("o'r") || w.endsWith("'n")))).length;
  }
  if (candidates.includes('pl') && POLISH_LETTERS.test(text)) score.pl = (score.pl ?? 0) + 2;
  if (candidates.includes('cy') && WELSH_LETTERS.test(text)) score.cy = (score.cy ?? 0) + 0.5;
  const ranked = Object.entries(score).sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] < 2) return null;
  if (second && best[1] - second[1] < 1) return null;
  return best[0];
}

/** The language of a visitor's message among the tenant's languages; `fallback` when unsure. */
export function visitorLanguage(text: string, candidates: readonly string[], fallback: string): string {
  const script = detectLanguage(text, candidates, fallback);
  if (script === 'hi' || script === 'zh-Hans' || script === 'zh-Hant') return script;
  return latinGuess(text, candidates) ?? script;
}
