/**
 * A small check for clearly negative messages, so the FAQ bot hands an upset customer to a person.
 * Lexicon per language with two weights (strong 2, mild 1) and negation ("not bad", "nie jest źle",
 * "बुरा नहीं", "不差" do not count). A message is clearly negative at a score of 2. Issue 8 brings a
 * full analyzer; only `isClearlyNegative` is public.
 */
import { compile, findPhrase, prepare, type Phrase, type Prepared } from './phrases.ts';

interface Lexicon {
  strong: Phrase[];
  mild: Phrase[];
  negators: Set<string>;
  /** Where a negator sits relative to the word it cancels. */
  negation: 'before' | 'around';
}

function lex(strong: string[], mild: string[], negators: string[], negation: 'before' | 'around' = 'before'): Lexicon {
  return { strong: compile(strong), mild: compile(mild), negators: new Set(negators), negation };
}

const LEXICONS: Record<string, Lexicon> = {
  en: lex(
    ['terrible', 'awful', 'horrible', 'useless', 'worst', 'pathetic', 'disgusting', 'ridiculous', 'unacceptable', 'furious',
      'outrageous', 'scam', 'rubbish', 'garbage', 'hate', 'fed up', 'waste of time', 'shit*', 'crap*', 'incompetent', 'fuck*', 'disgrace*'],
    ['bad', 'poor', 'annoyed', 'angry', 'disappointed', 'disappointing', 'frustrated', 'frustrating', 'upset', 'unhappy', 'broken', 'complain*', 'stupid', 'annoying'],
    ['not', 'no', 'never', 'dont', 'isnt', 'wasnt', 'arent', 'didnt', 'doesnt', 'hardly', 'nothing'],
  ),
  cy: lex(
    ['ofnadwy', 'erchyll', 'diwerth', 'gwaethaf', 'gwarthus', 'annerbyniol', 'sbwriel', 'casau', 'gwastraff amser', 'hurt', 'cywilyddus'],
    ['drwg', 'gwael', 'siomedig', 'blin', 'crac', 'rhwystredig', 'anhapus', 'cwyn*'],
    ['ddim', 'dim', 'nid', 'nad', 'na', 'byth', 'heb'],
  ),
  pl: lex(
    ['okropn*', 'straszn*', 'beznadziejn*', 'bezuzyteczn*', 'najgorsz*', 'skandal*', 'zenujac*', 'oszust*', 'nienawidz*', 'wkurz*',
      'zalosn*', 'strata czasu', 'do niczego', 'do bani', 'kpina', 'dramat', 'kurw*', 'cholern*'],
    ['zly', 'zle', 'zla', 'zlej', 'slab*', 'rozczarowan*', 'sfrustrowan*', 'zawiedzion*', 'niezadowolon*', 'zdenerwowan*', 'reklamacj*', 'skarg*'],
    ['nie', 'nigdy', 'wcale', 'bynajmniej'],
  ),
  hi: lex(
    ['बेकार', 'घटिया', 'बकवास', 'सबसे खराब', 'भयानक', 'धोखा', 'नफरत', 'शर्मनाक', 'बहुत बुरा', 'बहुत खराब', 'समय की बर्बादी', 'bekar', 'bakwas', 'ghatiya'],
    ['खराब', 'ख़राब', 'बुरा', 'बुरी', 'परेशान', 'निराश', 'गुस्सा', 'नाराज़', 'नाराज', 'शिकायत', 'kharab', 'pareshan'],
    ['नहीं', 'न', 'मत', 'nahi', 'nahin'],
    'around',
  ),
  zh: lex(
    ['太差', '很差', '垃圾', '糟糕', '太烂', '太爛', '很烂', '很爛', '差劲', '差勁', '没用', '沒用', '骗子', '騙子', '骗人', '騙人', '气死', '氣死', '讨厌', '討厭',
      '恶心', '噁心', '愤怒', '憤怒', '浪费时间', '浪費時間', '最差', '无语', '無語'],
    ['投诉', '投訴', '失望', '生气', '生氣', '不满', '不滿', '差', '慢死'],
    ['不', '没', '沒', '别', '別'],
  ),
};

const lexiconFor = (lang: string): Lexicon | undefined => LEXICONS[lang.startsWith('zh') ? 'zh' : lang];

function negated(p: Prepared, lx: Lexicon, ph: Phrase, at: number): boolean {
  if (ph.cjk) {
    const before = p.compact[at - 1];
    return before !== undefined && lx.negators.has(before) && !ph.raw.startsWith(before);
  }
  const near = [p.tokens[at - 1], p.tokens[at - 2]];
  if (lx.negation === 'around') near.push(p.tokens[at + ph.words.length], p.tokens[at + ph.words.length + 1]);
  return near.some((t) => t !== undefined && lx.negators.has(t));
}

function score(p: Prepared, lx: Lexicon): number {
  let total = 0;
  for (const [weight, list] of [[2, lx.strong], [1, lx.mild]] as const) {
    for (const ph of list) {
      let at = findPhrase(p, ph);
      while (at >= 0) {
        if (!negated(p, lx, ph, at)) total += weight;
        at = findPhrase(p, ph, at + 1);
      }
    }
  }
  return total;
}

/** Whether `text` is clearly negative; checked in `lang` and in English (customers mix them). */
export function isClearlyNegative(text: string, lang: string): boolean {
  const t = text.slice(0, 2000);
  if (t.trim().length === 0) return false;
  const p = prepare(t);
  const langs = new Set([lang, 'en']);
  let s = 0;
  for (const l of langs) {
    const lx = lexiconFor(l);
    if (lx) s = Math.max(s, score(p, lx));
  }
  // Shouting adds to a message that already has a negative word.
  if (s > 0 && (/[!！]{2,}/.test(t) || (t.match(/\b[A-Z]{3,}\b/g)?.length ?? 0) >= 2)) s += 1;
  return s >= 2;
}
