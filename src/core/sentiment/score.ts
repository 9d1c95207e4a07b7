import { emojiValence, EMOTICON_SOURCE } from './emoji.ts';
import { Kind, normalizeKey, type Entry, type Lexicon } from './compile.ts';

/** Token-level scoring shared by every language (a VADER-style rule set over our own lexicons). */

/** Sentiment words within this many tokens after a negator ("not really that good") are flipped. */
export const NEGATION_SCOPE = 3;
/** A negator-after ("खुश नहीं") flips a sentiment word at most this many tokens before it. */
export const NEGATION_SCOPE_AFTER = 2;
/** A negated word keeps this share of its valence, with the sign flipped ("not bad" is mildly good). */
export const NEGATION_FACTOR = -0.74;
/** Around the first "but": what comes before counts half, what follows one and a half. */
export const BEFORE_BUT = 0.5;
export const AFTER_BUT = 1.5;
/** Each "!" (up to 4) pushes the sum this far further from zero. */
export const EXCLAMATION = 0.292;
/** A word in capitals inside a message that is not all capitals counts this much more. */
export const CAPS = 1.25;
/** Normalisation: score = sum / √(sum² + ALPHA), so one "good" (1.9) gives about 0.44. */
export const ALPHA = 15;

const SEP: Entry = { k: Kind.Sep, v: 0, b: 0, negatable: false };
const NEUTRAL: Entry = { k: Kind.Word, v: 0, b: 0, negatable: false };

interface Tok { e: Entry; caps: boolean; emoji: boolean }

const TOKEN_RE = new RegExp(
  `(${EMOTICON_SOURCE})|(\\p{Script=Han}+)|([\\p{L}\\p{M}\\p{N}]+(?:['’][\\p{L}\\p{M}]+)*)|([.,;:!?।॥…。，！？；：、]+)|(\\p{Extended_Pictographic})`,
  'gu',
);
const HAS_LOWER = /\p{Ll}/u;

/** The entry of one lower-cased word: whole word, then stem, then "nie" + known rest, then the fallback lexicon. */
function lookup(lex: Lexicon, w: string): Entry | undefined {
  const e = lex.entries.get(w);
  if (e) return e;
  if (lex.stemMax > 0 && w.length >= lex.stemMin) {
    for (let n = Math.min(w.length, lex.stemMax); n >= lex.stemMin; n--) {
      const v = lex.stems.get(w.slice(0, n));
      if (v !== undefined) return { k: Kind.Word, v, b: 0, negatable: true };
    }
  }
  if (lex.negPrefix && w.length > lex.negPrefix.length + 3 && w.startsWith(lex.negPrefix)) {
    const rest = lookup({ ...lex, negPrefix: null, fallback: null }, w.slice(lex.negPrefix.length));
    if (rest?.k === Kind.Word && rest.v !== 0) return { k: Kind.Word, v: -0.9 * rest.v, b: 0, negatable: true };
  }
  return lex.fallback && w.charCodeAt(0) < 0x250 ? lookup(lex.fallback, w) : undefined;
}

/** Chinese: forward maximum matching of a Han run against the lexicon; unknown characters are neutral. */
function matchHan(lex: Lexicon, run: string, out: Tok[]): void {
  let i = 0;
  while (i < run.length) {
    let hit: Entry | undefined;
    let n = Math.min(lex.maxLenFrom.get(run[i]!) ?? 0, run.length - i);
    for (; n > 0; n--) {
      hit = lex.entries.get(run.slice(i, i + n));
      if (hit) break;
    }
    out.push({ e: hit ?? NEUTRAL, caps: false, emoji: false });
    i += Math.max(n, 1);
  }
}

interface Tokens { toks: Tok[]; exclamations: number }

/** Words of the current run (between breaks), reused across calls: scoring is synchronous. */
const runWords: string[] = [];
const runCaps: boolean[] = [];

/** Turns the collected run of words into tokens: phrases first (longest), else each word's entry. */
function flushRun(lex: Lexicon, toks: Tok[]): void {
  const n = runWords.length;
  for (let i = 0; i < n; i++) {
    const w = runWords[i]!;
    const cands = lex.phrases.get(w) ?? lex.fallback?.phrases.get(w);
    if (cands) {
      const p = cands.find((c) => c.toks.every((t, j) => runWords[i + j] === t));
      if (p) {
        toks.push({ e: p.e, caps: false, emoji: false });
        i += p.toks.length - 1;
        continue;
      }
    }
    toks.push({ e: lookup(lex, w) ?? NEUTRAL, caps: runCaps[i]!, emoji: false });
  }
  runWords.length = 0;
  runCaps.length = 0;
}

/** Every character of raw[from, to) changed when lower-cased: a word in capitals ("AWFUL"). */
function allCaps(raw: string, lower: string, from: number, to: number): boolean {
  if (to - from < 2) return false;
  for (let i = from; i < to; i++) if (raw.charCodeAt(i) === lower.charCodeAt(i)) return false;
  return true;
}

/** Words, phrases, emoji and clause breaks of a text, each with its lexicon entry. */
export function tokenize(lex: Lexicon, text: string): Tokens {
  const raw = text.length > 4000 ? text.slice(0, 4000) : text;
  const lower = normalizeKey(raw);
  // Capitals are judged only where lower-casing kept positions, and not in a message all in capitals.
  const caseAware = raw.length === lower.length && HAS_LOWER.test(raw);
  const toks: Tok[] = [];
  let exclamations = 0;
  runWords.length = 0;
  runCaps.length = 0;
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(lower); m; m = TOKEN_RE.exec(lower)) {
    const w = m[3];
    if (w !== undefined) {
      const caps = caseAware && allCaps(raw, lower, m.index, m.index + w.length);
      if (lex.splitApostrophes && w.includes("'")) {
        for (const part of w.split("'")) {
          runWords.push(part);
          runCaps.push(caps);
        }
      } else {
        runWords.push(w);
        runCaps.push(caps);
      }
      continue;
    }
    if (runWords.length) flushRun(lex, toks);
    const [s, emoticon, han, , punct] = m;
    if (han !== undefined) matchHan(lex, han, toks);
    else if (punct !== undefined) {
      for (const c of punct) if (c === '!' || c === '！') exclamations++;
      toks.push({ e: SEP, caps: false, emoji: false });
    } else {
      const v = emojiValence.get(emoticon ?? s) ?? 0;
      toks.push({ e: v ? { k: Kind.Word, v, b: 0, negatable: false } : SEP, caps: false, emoji: true });
    }
  }
  if (runWords.length) flushRun(lex, toks);
  return { toks, exclamations };
}

const isSentiment = (t: Tok | undefined) => !!t && t.e.k === Kind.Word && t.e.v !== 0;

/** The unnormalised sum of a token list's valences, and how many tokens carried one. */
export function sumTokens({ toks, exclamations }: Tokens): { sum: number; hits: number } {
  const but = toks.findIndex((t) => t.e.k === Kind.Contrast);
  let sum = 0;
  let hits = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (!isSentiment(t)) continue;
    // "super helpful": a word that is also a booster boosts the next sentiment word instead.
    if (t.e.b && isSentiment(toks[i + 1])) continue;
    let v = t.e.v;
    if (!t.emoji) {
      for (let j = i - 1; j >= 0 && j >= i - 2; j--) {
        const p = toks[j]!;
        if (p.e.k === Kind.Sep || p.e.k === Kind.Contrast) break;
        if (p.e.b && (p.e.k === Kind.Booster || j === i - 1)) v *= p.e.b;
      }
      const next = toks[i + 1];
      if (next?.e.k === Kind.Post) v *= next.e.b;
    }
    if (t.e.negatable && negated(toks, i)) v *= NEGATION_FACTOR;
    if (t.caps) v *= CAPS;
    if (but >= 0) v *= i < but ? BEFORE_BUT : AFTER_BUT;
    sum += v;
    hits++;
  }
  if (sum !== 0) sum += Math.sign(sum) * Math.min(exclamations, 4) * EXCLAMATION;
  return { sum, hits };
}

function negated(toks: Tok[], i: number): boolean {
  for (let j = i - 1; j >= 0 && j >= i - NEGATION_SCOPE; j--) {
    const k = toks[j]!.e.k;
    if (k === Kind.Sep || k === Kind.Contrast) break;
    if (k === Kind.NegBefore) return true;
  }
  for (let j = i + 1; j < toks.length && j <= i + NEGATION_SCOPE_AFTER; j++) {
    const k = toks[j]!.e.k;
    if (k === Kind.Sep || k === Kind.Contrast) break;
    if (k === Kind.NegAfter) return true;
  }
  return false;
}

/** A sum squashed into −1..1. */
export const normalize = (sum: number): number => (sum === 0 ? 0 : Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + ALPHA))));
