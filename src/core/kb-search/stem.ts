/**
 * Light, deterministic stemmers computed in the application, so the index is the same on
 * PostgreSQL and PGlite. They strip a few common inflections only; where PostgreSQL has no
 * stemmer at all (Welsh, Polish, Hindi) queries also match stems as prefixes (`:*`).
 * Input is a term already folded by analyze.ts (lower case, Latin diacritics removed).
 */
export type KbLanguage = 'en' | 'cy' | 'pl' | 'hi' | 'zh-Hans' | 'zh-Hant';
export const kbLanguages: readonly KbLanguage[] = ['en', 'cy', 'pl', 'hi', 'zh-Hans', 'zh-Hant'];

/** Languages whose query stems match as prefixes (no PostgreSQL dictionary for them). */
export const prefixLanguages: ReadonlySet<string> = new Set(['cy', 'pl', 'hi']);

function stripFirst(w: string, suffixes: readonly string[], minStem: number): string {
  for (const s of suffixes) {
    if (w.endsWith(s) && [...w].length - [...s].length >= minStem) return w.slice(0, w.length - s.length);
  }
  return w;
}

function stemEnglish(w: string): string {
  if (w.length <= 3) return w;
  let s = w.replace(/'s$/, '');
  if (s.endsWith('ies') && s.length > 4) s = `${s.slice(0, -3)}y`;
  else if (/(ss|us)$/.test(s)) s = s;
  else if (/(ches|shes|xes|sses)$/.test(s)) s = s.slice(0, -2);
  else if (s.endsWith('s') && s.length > 3) s = s.slice(0, -1);
  s = stripFirst(s, ['ational', 'ization', 'fulness', 'ness', 'ments', 'ment', 'ingly', 'edly', 'ing', 'ed', 'ly', 'er'], 3);
  // "shipping" → "shipp" → "ship"; "changed" → "chang" (the same for "changing", "change").
  if (/([bdfgmnprt])\1$/.test(s)) s = s.slice(0, -1);
  if (s.endsWith('e') && s.length > 4) s = s.slice(0, -1);
  return s;
}

const POLISH = [
  'owaniami', 'owaniach', 'owaniem', 'owania', 'owanie', 'aniami', 'eniami', 'aniach', 'eniach',
  'ami', 'ach', 'owi', 'ego', 'emu', 'ymi', 'imi', 'ych', 'ich', 'iem', 'ow', 'om', 'em', 'ie',
  'ej', 'ym', 'im', 'a', 'e', 'i', 'o', 'u', 'y',
];
const HINDI = [
  'ियों', 'ाओं', 'ाएं', 'ाएँ', 'ुओं', 'ताएं', 'ियां', 'ियाँ', 'ाने', 'ाना', 'ाती', 'ाते', 'ों', 'ें', 'ाँ', 'ां',
  'िए', 'ता', 'ती', 'ते', 'ना', 'ने', 'नी', 'ी', 'े', 'ा', 'ो', 'ि', 'ु', 'ू',
];
const WELSH = ['iadau', 'iaid', 'au', 'iau', 'ion', 'odd', 'ydd', 'wch', 'ais', 'ach'];

/** The stem of one folded term in `language`; the term itself when nothing applies. */
export function stem(term: string, language: string): string {
  if (/\d/.test(term)) return term;
  switch (language) {
    case 'en':
      return stemEnglish(term);
    case 'pl':
      return stripFirst(term, POLISH, 3);
    case 'hi':
      return stripFirst(term, HINDI, 2);
    case 'cy':
      return stripFirst(term, WELSH, 3);
    default:
      return term;
  }
}

/**
 * Welsh initial mutations reversed: the radical forms a word may have come from ("gyfrif" and
 * "nghyfrif" ← "cyfrif", "fil" ← "bil"/"mil"). Used on both the document and the query side, so a
 * mutated form meets its radical. A word starting with a vowel, w, r or l may have lost a g
 * ("wrthod" ← "gwrthod", "ardd" ← "gardd").
 */
export function welshRadicals(w: string): string[] {
  const out = new Set<string>();
  const rules: [string, string[]][] = [
    ['ngh', ['c']], ['mh', ['p']], ['nh', ['t']], ['ng', ['g']], ['ch', ['c']], ['ph', ['p']], ['th', ['t']],
    ['dd', ['d']], ['g', ['c']], ['b', ['p']], ['d', ['t']], ['f', ['b', 'm']], ['l', ['ll']], ['r', ['rh']],
    ['m', ['b']], ['n', ['d']],
  ];
  for (const [from, tos] of rules) {
    if (w.startsWith(from) && w.length - from.length >= 2) {
      for (const to of tos) out.add(to + w.slice(from.length));
      break;
    }
  }
  if (/^[aeiouwyrl]/.test(w) && w.length >= 3) out.add(`g${w}`);
  out.delete(w);
  return [...out];
}
