/**
 * Text analysis for full-text search (docs/decisions/, "search"): one function turns a document or
 * a query into tokens, so both sides agree on what a word is.
 *
 * - Words come from Intl.Segmenter (granularity 'word', word-like segments only), which knows
 *   dictionary boundaries for Chinese and Japanese and keeps Devanagari combining marks inside
 *   their word.
 *   Text in Latin letters and common punctuation only is cut the same way by a regular expression
 *   (`words` below), at a twentieth of the cost.
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

/*
 * Most messages are written in Latin letters, digits, spaces and common punctuation: for those,
 * Unicode's word rules (UAX #29) come down to one regular expression, about 20 times cheaper than
 * the segmenter (which was a fifth of the server's work per chat message). A text with any other
 * character (another script, combining marks, emoji, no-break or other spaces, symbols from
 * U+00A0–U+00BF) goes to the segmenter. Both sides of a search are analyzed here, so the two must
 * agree word for word: analyze.test.ts compares them on every character of the set and on random text.
 * - Letters (ALetter): A–Z, a–z, À–ÿ but × and ÷, Latin Extended-A (U+0100–U+017F: Polish) and
 *   Latin Extended Additional (U+1E00–U+1EFF: Welsh ẁ, ỳ).
 * - A letter, digit or underscore next to another stays in the word (WB5, WB8–WB10, WB13a/b).
 * - Between two letters, a colon, full stop, apostrophe or ‘ ’ keeps them together (WB6/7:
 *   "can't", "e.g", "a:b"); between two digits, a full stop, comma, semicolon, apostrophe or ‘ ’
 *   (WB11/12: "1,000.5").
 * - Anything else breaks; a lone underscore is not a word.
 */
const SIMPLE_TEXT = /^[\t\n\r\x20-\x7e\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f\u1e00-\u1eff\u2013\u2014\u2018\u2019\u201c\u201d\u2026]*$/;
const LETTER = 'A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f\u1e00-\u1eff';
const SIMPLE_WORD = new RegExp(`[${LETTER}0-9_]+(?:(?:(?<=[${LETTER}])[:.'\u2018\u2019](?=[${LETTER}])|(?<=[0-9])[.,;'\u2018\u2019](?=[0-9]))[${LETTER}0-9_]+)*`, 'g');

/** Whether `words` cuts `text` with the regular expression (not the segmenter). */
export const isSimpleText = (text: string): boolean => SIMPLE_TEXT.test(text);

/** Calls `fn` with each word of `text` and its offset: the regular expression above when it applies, else Intl.Segmenter. */
function eachWord(text: string, fn: (segment: string, index: number) => void): void {
  if (isSimpleText(text)) {
    SIMPLE_WORD.lastIndex = 0;
    // ICU's one quirk here: a lone underscore is not word-like (two or more are).
    for (let m = SIMPLE_WORD.exec(text); m; m = SIMPLE_WORD.exec(text)) if (m[0] !== '_') fn(m[0], m.index);
    return;
  }
  for (const s of segmenter.segment(text)) if (s.isWordLike) fn(s.segment, s.index);
}

/** The words of `text` with their offsets, as `analyze` cuts them. */
export function words(text: string): { segment: string; index: number }[] {
  const out: { segment: string; index: number }[] = [];
  eachWord(text, (segment, index) => out.push({ segment, index }));
  return out;
}

/** The word tokens of `text`, in order, with their offsets. */
export function analyze(text: string): Token[] {
  const input = text.length > MAX_ANALYZED_CHARS ? text.slice(0, MAX_ANALYZED_CHARS) : text;
  const out: Token[] = [];
  eachWord(input, (segment, index) => {
    const term = normalizeTerm(segment);
    if (term.length === 0 || term.length > MAX_TERM_CHARS) return;
    out.push({ term, start: index, end: index + segment.length, cjk: CJK.test(term) });
  });
  return out;
}

/** Intl.Segmenter's word-like segments of `text` (what `words` must equal; for tests). */
export function segmenterWords(text: string): { segment: string; index: number }[] {
  return [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => ({ segment: s.segment, index: s.index }));
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
