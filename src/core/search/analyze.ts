/**
 * Text analysis for full-text search (docs/decisions/, "search"): one function turns a document or
 * a query into tokens, so both sides agree on what a word is.
 *
 * - Words come from Intl.Segmenter (granularity 'word', word-like segments only), which knows
 *   dictionary boundaries for Chinese and Japanese and keeps Devanagari combining marks inside
 *   their word.
 * - Each word is NFKC-normalized (full-width forms, ligatures) and lower-cased with the
 *   locale-independent toLowerCase.
 * - Latin-script words lose their diacritics (ż → z, â → a, ł → l): people type "zolc" for
 *   "żółć" and "ad-daliad" without the circumflex of "â". Other scripts keep every mark: the
 *   matras of Hindi are letters, not decoration.
 * - Chinese and Japanese runs (Han, Hiragana, Katakana) are flagged `cjk`: besides the segmenter's
 *   words, documents index every character and every pair of adjacent characters of a run, and
 *   queries ask for the pairs, so a word is found even when the segmenter cuts the document and
 *   the query differently.
 */

export interface Token {
  /** The normalized term. */
  term: string;
  /** UTF-16 offsets of the word in the text that was analyzed. */
  start: number;
  end: number;
  /** Han, Hiragana or Katakana: indexed by characters and character pairs too. */
  cjk: boolean;
}

/** Longer inputs are cut: search indexes the start of very long texts. */
export const MAX_ANALYZED_CHARS = 100_000;
const MAX_TERM_CHARS = 64;

const segmenter = new Intl.Segmenter('und', { granularity: 'word' });
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const LATIN = /\p{Script=Latin}/u;
const NOT_LATIN_LETTER = /[^\p{Script=Latin}\P{L}]/u;
const MARKS = /\p{M}/gu;
// Latin letters that do not decompose under NFD but that people type without their stroke.
const FOLD: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ħ: 'h', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i' };
const FOLD_RE = /[łøđħßæœı]/g;

// Printable ASCII without spaces: NFKC, the diacritic folding and NFC leave it as it is.
const PLAIN_ASCII = /^[\x21-\x7e]+$/;

export function normalizeTerm(word: string): string {
  return PLAIN_ASCII.test(word) ? word.toLowerCase() : normalizeUnicodeTerm(word);
}

/** normalizeTerm's general path (exported so a test can hold the ASCII shortcut to it). */
export function normalizeUnicodeTerm(word: string): string {
  let t = word.normalize('NFKC').toLowerCase();
  if (LATIN.test(t) && !NOT_LATIN_LETTER.test(t)) {
    t = t.normalize('NFD').replace(MARKS, '').replace(FOLD_RE, (c) => FOLD[c] ?? c).normalize('NFC');
  }
  return t.replace(/\s+/gu, '');
}

/** The word tokens of `text`, in order, with their offsets. */
export function analyze(text: string): Token[] {
  const input = text.length > MAX_ANALYZED_CHARS ? text.slice(0, MAX_ANALYZED_CHARS) : text;
  const out: Token[] = [];
  for (const s of segmenter.segment(input)) {
    if (!s.isWordLike) continue;
    const term = normalizeTerm(s.segment);
    if (term.length === 0 || term.length > MAX_TERM_CHARS) continue;
    out.push({ term, start: s.index, end: s.index + s.segment.length, cjk: CJK.test(term) });
  }
  return out;
}

/** Adjacent CJK tokens (no gap between them) joined into runs of characters. */
export interface CjkRun {
  chars: string[];
  /** Offsets of each character in the analyzed text. */
  starts: number[];
  ends: number[];
  /** Index of the run's first token. */
  firstToken: number;
}

export function cjkRuns(tokens: Token[]): CjkRun[] {
  const runs: CjkRun[] = [];
  let cur: CjkRun | null = null;
  let prevEnd = -1;
  tokens.forEach((t, i) => {
    if (!t.cjk) {
      cur = null;
      return;
    }
    if (!cur || t.start !== prevEnd) {
      cur = { chars: [], starts: [], ends: [], firstToken: i };
      runs.push(cur);
    }
    // Characters of the normalized term map back to the word's span; NFKC keeps CJK text at one
    // character per character, so the offsets are the original ones when lengths agree.
    const chars = [...t.term];
    const sameLength = t.term.length === t.end - t.start;
    let off = t.start;
    for (const c of chars) {
      cur.chars.push(c);
      cur.starts.push(sameLength ? off : t.start);
      cur.ends.push(sameLength ? off + c.length : t.end);
      off += c.length;
    }
    prevEnd = t.end;
  });
  return runs;
}

/** Character pairs of a run (one character alone when the run has one). */
export function bigrams(chars: readonly string[]): string[] {
  if (chars.length === 1) return [chars[0]!];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}
