/** The widget's language: the page's data-lang, then <html lang>, then the browser's languages; one of the six. */
export const widgetLanguages = ['en', 'cy', 'pl', 'hi', 'zh-Hans', 'zh-Hant'] as const;
export type Lang = (typeof widgetLanguages)[number];

const traditional = /^zh-(hant|tw|hk|mo)\b/i;

/** Maps a BCP 47 tag to one of the six, or null: zh-TW/HK/MO and zh-Hant → zh-Hant; other zh → zh-Hans. */
export function normalizeLang(tag: string | null | undefined): Lang | null {
  const t = (tag ?? '').trim().replace(/_/g, '-');
  if (!t) return null;
  const lower = t.toLowerCase();
  if (lower === 'zh' || lower.startsWith('zh-')) {
    if (/^zh-hans\b/i.test(t)) return 'zh-Hans';
    return traditional.test(t) ? 'zh-Hant' : 'zh-Hans';
  }
  const base = lower.split('-')[0]!;
  return (widgetLanguages as readonly string[]).includes(base) ? (base as Lang) : null;
}

/**
 * Picks the language: the first of data-lang, <html lang>, navigator.languages that is one of
 * the six and (when given) one the inbox offers; else the inbox's first language; else English.
 */
export function pickLanguage(opts: { dataLang?: string | null; htmlLang?: string | null; browser?: readonly string[]; offered?: readonly Lang[] }): Lang {
  const offered = opts.offered?.length ? opts.offered : widgetLanguages;
  for (const tag of [opts.dataLang, opts.htmlLang, ...(opts.browser ?? [])]) {
    const l = normalizeLang(tag);
    if (l && offered.includes(l)) return l;
  }
  return offered.includes('en') ? 'en' : offered[0]!;
}
