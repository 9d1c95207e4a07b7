import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { intlLocale } from './intl-locale.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The browser's own locale when it is a regional variant of the UI language
 * (en-GB for English, say), so dates follow local conventions; otherwise the UI language.
 */
function dateLocale(language: string): string {
  const base = language.toLowerCase().split('-')[0];
  const browser = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  if (base === 'zh') return language;
  return browser.find((tag) => tag.toLowerCase().split('-')[0] === base) ?? language;
}

function formatter(language: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${language}|${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(dateLocale(language)), withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'long' });
    formatters.set(key, f);
  }
  return f;
}

export function formatDate(value: string | null | undefined, language: string, withTime = true): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return formatter(language, withTime).format(date);
}

/** A date formatter in the current UI language that updates when the language changes. */
export function useFormatDate(): (value: string | null | undefined, withTime?: boolean) => string {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useCallback((value, withTime = true) => formatDate(value, language, withTime), [language]);
}
