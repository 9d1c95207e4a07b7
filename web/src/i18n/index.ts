import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { cy } from './locales/cy.ts';
import { en } from './locales/en.ts';
import { hi } from './locales/hi.ts';
import { pl } from './locales/pl.ts';
import { zhHans } from './locales/zh-hans.ts';
import { zhHant } from './locales/zh-hant.ts';
import { initialLanguage, isLanguage, supportedLanguages, type Language } from './languages.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

function applyDocumentLanguage(language: string): void {
  document.documentElement.lang = language;
  document.documentElement.dir = i18n.dir(language);
}

i18n.on('languageChanged', applyDocumentLanguage);

void i18n.use(initReactI18next).init({
  resources: {
    en: { translation: en },
    cy: { translation: cy },
    pl: { translation: pl },
    hi: { translation: hi },
    'zh-Hans': { translation: zhHans },
    'zh-Hant': { translation: zhHant },
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
