import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { cy } from './locales/cy.ts';
import { en } from './locales/en.ts';
import { hi } from './locales/hi.ts';
import { pl } from './locales/pl.ts';
import { zhHans } from './locales/zh-hans.ts';
import { zhHant } from './locales/zh-hant.ts';
import { initialLanguage, isLanguage, supportedLanguages, type Language } from './languages.ts';
import { areas, type AreaStrings } from './areas/index.ts';
import type { Translations } from './locales/en.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Translations & AreaStrings };
  }
}

function applyDocumentLanguage(language: string): void {
  document.documentElement.lang = language;
  document.documentElement.dir = i18n.dir(language);
}

/** The shell's strings for a language plus every area's, each under its area's name. */
function withAreas(language: Language, base: Translations): Translations & AreaStrings {
  const extra = Object.fromEntries(Object.entries(areas).map(([name, text]) => [name, (text as Record<Language, unknown>)[language]]));
  return { ...base, ...extra } as Translations & AreaStrings;
}

i18n.on('languageChanged', applyDocumentLanguage);

void i18n.use(initReactI18next).init({
  resources: {
    en: { translation: withAreas('en', en) },
    cy: { translation: withAreas('cy', cy) },
    pl: { translation: withAreas('pl', pl) },
    hi: { translation: withAreas('hi', hi) },
    'zh-Hans': { translation: withAreas('zh-Hans', zhHans) },
    'zh-Hant': { translation: withAreas('zh-Hant', zhHant) },
  },
  lng: initialLanguage(),
  fallbackLng: 'en',
  supportedLngs: [...supportedLanguages],
  load: 'currentOnly',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
  showSupportNotice: false,
});

/** The current UI language, narrowed to the supported set. */
export function currentLanguage(): Language {
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(lng) ? lng : 'en';
}

/** Switches the UI language; resolves once every component has re-rendered. */
export async function setLanguage(language: Language): Promise<void> {
  if (i18n.language !== language) await i18n.changeLanguage(language);
}

export { i18n };
