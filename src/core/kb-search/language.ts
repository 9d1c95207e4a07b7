import { francAll } from 'franc-all';
import { analyzeKb, looksTraditional } from './text.ts';
import { isStopword } from './stopwords.ts';
import { kbLanguages, type KbLanguage } from './stem.ts';

/** franc's ISO 639-3 codes for the app's languages (both Chinese scripts are 'cmn'). */
const iso3: Record<string, string> = { en: 'eng', cy: 'cym', pl: 'pol', hi: 'hin' };
const fromIso3: Record<string, KbLanguage> = { eng: 'en', cym: 'cy', pol: 'pl', hin: 'hi' };

const DEVANAGARI = /\p{Script=Devanagari}/gu;
const HAN = /\p{Script=Han}/gu;
const LATIN = /\p{Script=Latin}/gu;
/** Below this many letters franc guesses poorly: the caller's language decides. */
const MIN_DETECT_LETTERS = 10;

const asKb = (l: string): KbLanguage | null => ((kbLanguages as readonly string[]).includes(l) ? (l as KbLanguage) : null);

/**
 * The language a query is written in, among `candidates` (the tenant's languages). The script
 * decides Hindi and Chinese (Traditional when folding to Simplified changes it); franc-all decides
 * between the Latin-script languages; short or undecided queries take `fallback` (the UI language).
 */
export function detectLanguage(q: string, candidates: readonly string[], fallback: string): KbLanguage {
  const cands = candidates.map(asKb).filter((l): l is KbLanguage => l !== null);
  const allowed = cands.length ? cands : [...kbLanguages];
  const fb = asKb(fallback) ?? allowed[0] ?? 'en';
  const text = q.slice(0, 2_000);
  const count = (re: RegExp) => text.match(re)?.length ?? 0;
  const han = count(HAN);
  const deva = count(DEVANAGARI);
  const latin = count(LATIN);
  if (han > 0 && han >= deva && han >= latin / 3) {
    if (looksTraditional(text)) return 'zh-Hant';
    if (fb === 'zh-Hant' || fb === 'zh-Hans') return fb;
    return allowed.includes('zh-Hans') || !allowed.includes('zh-Hant') ? 'zh-Hans' : 'zh-Hant';
  }
  if (deva > 0 && deva >= latin) return 'hi';
  const latinLangs = allowed.filter((l) => l in iso3);
  if (latinLangs.length === 0) return fb;
  if (latinLangs.length === 1) return latinLangs[0]!;
  // Function words and letters only one language uses decide first: franc-all reads short
  // questions poorly ("how do I reset my password" looks Polish to it).
  const hint = functionWordHint(text, latinLangs);
  if (hint) return hint;
  if (latin < MIN_DETECT_LETTERS) return latinLangs.includes(fb) ? fb : latinLangs[0]!;
  const guesses = francAll(text, { only: latinLangs.map((l) => iso3[l]!), minLength: MIN_DETECT_LETTERS });
  const best = guesses[0];
  if (!best || best[0] === 'und') return latinLangs.includes(fb) ? fb : latinLangs[0]!;
  // A near tie keeps the UI language: franc's scores are relative to the best one.
  const fbCode = iso3[fb];
  const fbScore = guesses.find((g) => g[0] === fbCode)?.[1] ?? 0;
  if (fbScore >= 0.97) return fb;
  return fromIso3[best[0]] ?? fb;
}

const LETTERS: Record<string, RegExp> = { pl: /[ąćęłńśźż]/iu, cy: /[ŵŷ]/iu };

/** The one language whose stop words (and own letters, counted twice) the query uses most, if any. */
function functionWordHint(text: string, langs: KbLanguage[]): KbLanguage | null {
  const words = analyzeKb(text, 'und').words.map((w) => w.term);
  const scores = langs.map((l) => {
    let n = words.filter((w) => isStopword(w, l)).length;
    if (LETTERS[l]?.test(text)) n += 2;
    return [l, n] as const;
  }).sort((a, b) => b[1] - a[1]);
  const [first, second] = scores;
  if (!first || first[1] === 0 || (second && second[1] === first[1])) return null;
  return first[0];
}
