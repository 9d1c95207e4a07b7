import { surveySettingsBody, type SurveyKind, type SurveySettings } from '../../contracts/surveys.ts';
import { languages } from '../../contracts/common.ts';

/** The built-in question texts, one per supported language. */
export const DEFAULT_QUESTIONS: Record<SurveyKind, Record<string, string>> = {
  csat: {
    en: 'How satisfied were you with the help you received?',
    cy: 'Pa mor fodlon oeddech chi gyda’r help a gawsoch?',
    pl: 'Jak bardzo jesteś zadowolony z otrzymanej pomocy?',
    hi: 'आपको मिली सहायता से आप कितने संतुष्ट थे?',
    'zh-Hans': '您对获得的帮助满意吗？',
    'zh-Hant': '您對獲得的協助滿意嗎？',
  },
  nps: {
    en: 'How likely are you to recommend us to a friend or colleague?',
    cy: 'Pa mor debygol ydych chi o’n hargymell i ffrind neu gydweithiwr?',
    pl: 'Jak bardzo prawdopodobne jest, że polecisz nas znajomemu lub współpracownikowi?',
    hi: 'आप हमें किसी मित्र या सहकर्मी को सुझाने की कितनी संभावना रखते हैं?',
    'zh-Hans': '您有多大可能向朋友或同事推荐我们？',
    'zh-Hant': '您有多大可能向朋友或同事推薦我們？',
  },
};

export const DEFAULT_SURVEY_SETTINGS: SurveySettings = {
  enabled: false,
  kinds: ['csat'],
  atResolution: 'csat',
  throttleDays: 7,
  linkValidityDays: 7,
  questions: { csat: {}, nps: {} },
};

/** Stored settings (jsonb) as a whole, valid settings object; anything unreadable falls back to the defaults. */
export function parseSurveySettings(stored: unknown): SurveySettings {
  const merged = { ...DEFAULT_SURVEY_SETTINGS, ...(stored && typeof stored === 'object' ? stored : {}) };
  const r = surveySettingsBody.safeParse(merged);
  return r.success ? r.data : DEFAULT_SURVEY_SETTINGS;
}

/** The supported language closest to `lang` (en-GB → en, zh-TW → zh-Hant, zh → zh-Hans), else English. */
export function surveyLanguage(lang: string | null | undefined): string {
  if (!lang) return 'en';
  const l = lang.trim();
  const exact = (languages as readonly string[]).find((x) => x.toLowerCase() === l.toLowerCase());
  if (exact) return exact;
  const lower = l.toLowerCase();
  if (lower.startsWith('zh')) return /hant|tw|hk|mo/.test(lower) ? 'zh-Hant' : 'zh-Hans';
  const base = lower.split(/[-_]/)[0]!;
  return (languages as readonly string[]).includes(base) ? base : 'en';
}

/** The question to ask: the tenant's text in that language, else the built-in one, else English. */
export function questionText(s: SurveySettings, kind: SurveyKind, lang: string): string {
  return s.questions[kind][lang] ?? DEFAULT_QUESTIONS[kind][lang] ?? s.questions[kind].en ?? DEFAULT_QUESTIONS[kind].en!;
}
