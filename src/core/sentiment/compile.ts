import * as OpenCC from 'opencc-js';
import type { LexiconSource, SentimentLanguage } from './types.ts';
import { en } from './lexicon-en.ts';
import { cy } from './lexicon-cy.ts';
import { pl } from './lexicon-pl.ts';
import { hi } from './lexicon-hi.ts';
import { zh } from './lexicon-zh.ts';

/** What a token is to the scorer. */
export const Kind = { Sep: 0, Word: 1, NegBefore: 2, NegAfter: 3, Booster: 4, Post: 5, Contrast: 6 } as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

export interface Entry {
  k: Kind;
  /** Valence (Word). */
  v: number;
  /** Multiplier (Booster, Post, or a word that is both, like "super"). */
  b: number;
  /** false for phrases that hold their own negation ("doesn't work") and for emoji. */
  negatable: boolean;
}

export interface Phrase { toks: string[]; e: Entry }

export interface Lexicon {
  language: SentimentLanguage;
  /** Words, negators, boosters and contrast words, each to its entry. */
  entries: Map<string, Entry>;
  stems: Map<string, number>;
  stemMin: number;
  stemMax: number;
  /** Phrases by their first token, longest first. */
  phrases: Map<string, Phrase[]>;
  /** Split words at apostrophes (Welsh clitics "i'n", "gweithio'n"). */
  splitApostrophes: boolean;
  /** A prefix that negates the rest of an unknown word (Polish "nie"). */
  negPrefix: string | null;
  /** Longest entry starting with each character (Chinese maximum matching). */
  maxLenFrom: Map<string, number>;
  /** Lexicon for Latin words not found here (English words mixed into Hindi or Chinese). */
  fallback: Lexicon | null;
}

const word = (v: number, b = 0): Entry => ({ k: Kind.Word, v, b, negatable: true });

/** Lower case, NFC, without the Devanagari nukta (so "ख़राब" = "खराब"). */
export function normalizeKey(s: string): string {
  const l = s.normalize('NFC').toLowerCase().replace(/’/g, "'");
  return l.includes('\u093c') ? l.replace(/\u093c/g, '') : l;
}

/** Welsh initial mutations of a radical form (soft, nasal, aspirate). */
export function welshMutations(w: string): string[] {
  const rules: [string, string[]][] = [
    ['ll', ['l']], ['rh', ['r']], ['c', ['g', 'ngh', 'ch']], ['p', ['b', 'mh', 'ph']], ['t', ['d', 'nh', 'th']],
    ['g', ['', 'ng']], ['b', ['f', 'm']], ['d', ['dd', 'n']], ['m', ['f']],
  ];
  for (const [from, tos] of rules) if (w.startsWith(from)) return tos.map((to) => to + w.slice(from.length));
  return [];
}

/** Latin letters without diacritics ("dziekuje" for "dziękuję"), for text typed without them. */
const foldLatin = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ł/g, 'l');

function compile(language: SentimentLanguage, src: LexiconSource, o: { welsh?: boolean; fold?: boolean; chinese?: boolean; negPrefix?: string; fallback?: Lexicon } = {}): Lexicon {
  const entries = new Map<string, Entry>();
  const stems = new Map<string, number>();
  const variants = (k: string): string[] => {
    const out = [k];
    if (o.welsh) out.push(...welshMutations(k).filter((m) => m.length >= 3));
    if (o.fold) out.push(foldLatin(k));
    if (o.chinese) out.push(...chineseVariants(k));
    return out;
  };
  const put = (key: string, e: Entry) => {
    const n = normalizeKey(key);
    for (const [i, v] of variants(n).entries()) if (i === 0 || !entries.has(v)) entries.set(v, e);
  };
  // Function words first: a mutated or folded sentiment word never hides one ("na", "nie").
  for (const w of src.negators) put(w, { k: Kind.NegBefore, v: 0, b: 0, negatable: false });
  for (const w of src.negatorsAfter ?? []) put(w, { k: Kind.NegAfter, v: 0, b: 0, negatable: false });
  for (const w of src.contrast) put(w, { k: Kind.Contrast, v: 0, b: 0, negatable: false });
  for (const [w, b] of Object.entries(src.boosters)) put(w, { k: Kind.Booster, v: 0, b, negatable: false });
  for (const [w, b] of Object.entries(src.postBoosters ?? {})) put(w, { k: Kind.Post, v: 0, b, negatable: false });
  for (const [w, v] of Object.entries(src.words)) {
    const n = normalizeKey(w);
    const booster = entries.get(n);
    // A word that is also a booster ("super", "strasznie") keeps both roles.
    put(w, booster?.k === Kind.Booster ? word(v, booster.b) : word(v));
  }
  for (const [s, v] of Object.entries(src.stems ?? {})) for (const x of variants(normalizeKey(s))) if (!stems.has(x)) stems.set(x, v);
  const phrases = new Map<string, Phrase[]>();
  const fnWords = new Set([...src.negators, ...(src.negatorsAfter ?? [])].map(normalizeKey));
  for (const [p, v] of Object.entries(src.phrases ?? {})) {
    const toks = normalizeKey(p).split(' ');
    const e: Entry = { k: Kind.Word, v, b: 0, negatable: !toks.some((t) => fnWords.has(t)) };
    const list = phrases.get(toks[0]!) ?? [];
    list.push({ toks, e });
    list.sort((a, b) => b.toks.length - a.toks.length);
    phrases.set(toks[0]!, list);
  }
  const lens = [...stems.keys()].map((s) => s.length);
  return {
    language, entries, stems, phrases,
    stemMin: lens.length ? Math.min(...lens) : 0, stemMax: lens.length ? Math.max(...lens) : 0,
    splitApostrophes: !!o.welsh, negPrefix: o.negPrefix ?? null,
    maxLenFrom: o.chinese ? longestFrom(entries.keys()) : new Map(),
    fallback: o.fallback ?? null,
  };
}

function longestFrom(keys: Iterable<string>): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k[0]!, Math.max(m.get(k[0]!) ?? 0, k.length));
  return m;
}

let toTraditional: ((s: string) => string)[] | null = null;
function chineseVariants(k: string): string[] {
  toTraditional ??= [OpenCC.Converter({ from: 'cn', to: 't' }), OpenCC.Converter({ from: 'cn', to: 'tw' }), OpenCC.Converter({ from: 'cn', to: 'twp' }), OpenCC.Converter({ from: 'cn', to: 'hk' })];
  const out = new Set(toTraditional.map((c) => c(k)));
  // 帳 and 賬 are both written in Traditional text for "account"/"bill".
  for (const v of [...out]) if (v.includes('賬')) out.add(v.replace(/賬/g, '帳'));
  out.delete(k);
  return [...out];
}

const enLex = compile('en', en);
const zhLex = compile('zh-Hans', zh, { chinese: true, fallback: enLex });

/** The compiled lexicons, built once at import. zh-Hant shares zh-Hans' lexicon (it holds both scripts). */
export const lexicons: Record<SentimentLanguage, Lexicon> = {
  en: enLex,
  cy: compile('cy', cy, { welsh: true, fold: true }),
  pl: compile('pl', pl, { fold: true, negPrefix: 'nie' }),
  hi: compile('hi', hi, { fallback: enLex }),
  'zh-Hans': zhLex,
  'zh-Hant': { ...zhLex, language: 'zh-Hant' },
};
