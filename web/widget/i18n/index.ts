import type { Lang } from '../lib/language.ts';
import { cy } from './cy.ts';
import { en, type MessageKey, type Messages } from './en.ts';
import { hi } from './hi.ts';
import { pl } from './pl.ts';
import { zhHans } from './zh-hans.ts';
import { zhHant } from './zh-hant.ts';

export type { MessageKey, Messages };

export const dictionaries: Record<Lang, Messages> = { en, cy, pl, hi, 'zh-Hans': zhHans, 'zh-Hant': zhHant };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** A translate function for `lang`: `{name}` placeholders are replaced by plain text values. */
export function translator(lang: Lang): Translate {
  const dict = dictionaries[lang] ?? en;
  return (key, vars) => {
    const s = dict[key] ?? en[key];
    return vars ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : s;
  };
}

/** Picks the text for `lang` from a per-language value from the server, falling back to `fallbacks` then English. */
export function localized(value: Partial<Record<Lang, string>> | undefined, lang: Lang, fallbacks: readonly Lang[] = []): string | undefined {
  if (!value) return undefined;
  for (const l of [lang, ...fallbacks, 'en' as const]) {
    const v = value[l];
    if (v && v.trim()) return v;
  }
  return undefined;
}
