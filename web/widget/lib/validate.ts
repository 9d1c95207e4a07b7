/** Field checks of the pre-chat and closed-hours forms (the server checks again). */
import type { Translate } from '../i18n/index.ts';

const emailRe = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phoneRe = /^\+?[0-9][0-9 ()-]{5,}$/;

/** The error message for one field value, or null when it is fine. */
export function fieldError(type: 'text' | 'email' | 'tel', value: string, required: boolean, label: string, t: Translate, max = 500): string | null {
  const v = value.trim();
  if (!v) return required ? t('required', { field: label }) : null;
  if (v.length > max) return t('tooLong', { field: label });
  if (type === 'email' && !emailRe.test(v)) return t('invalidEmail');
  if (type === 'tel' && !phoneRe.test(v)) return t('invalidPhone');
  return null;
}
