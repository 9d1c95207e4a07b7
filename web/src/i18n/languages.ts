import type { Language } from '../../../src/contracts/common.ts';

export type { Language };

/** Every UI language, in the order the pickers show them. Mirrors `languages` in the contracts. */
export const supportedLanguages: readonly Language[] = ['en', 'cy', 'pl', 'hi', 'zh-Hans', 'zh-Hant'];

/** Each language's name in itself, so people can find their own. */
export const languageNames: Record<Language, string> = {
  en: 'English',
  cy: 'Cymraeg',
  pl: 'Polski',
  hi: 'हिन्दी',
  'zh-Hans': '简体中文',
  'zh-Hant': '繁體中文',
};

const STORAGE_KEY = 'switchboard.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (supportedLanguages as readonly string[]).includes(value);
}

/** Maps a BCP 47 tag from the browser to the closest supported language. */
export function matchLanguage(tag: string): Language | null {
  const lower = tag.toLowerCase();
  if (lower.startsWith('zh')) {
    return /hant|-tw|-hk|-mo/.test(lower) ? 'zh-Hant' : 'zh-Hans';
  }
  const base = lower.split('-')[0];
  return isLanguage(base) ? base : null;
}

export function storedLanguage(): Language | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

export function storeLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

/** The language to show before anyone signs in: the stored choice, then the browser's, then English. */
export function initialLanguage(): Language {
  const stored = storedLanguage();
  if (stored) return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const match = tag ? matchLanguage(tag) : null;
    if (match) return match;
  }
  return 'en';
}
