/** {{var}} templates and per-language texts. */
import type { LocalizedText } from './schema.ts';
import type { FlowState, FlowValue } from './types.ts';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

/** Names used in a template, in order of appearance; malformed placeholders are returned as written. */
export function templateVariables(tpl: string): string[] {
  const out: string[] = [];
  for (const m of tpl.matchAll(PLACEHOLDER)) {
    const name = m[1] ?? '';
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

export const isWellFormedName = (name: string): boolean => NAME.test(name);

/** The value of a variable, system value or customer field in a session. */
export function lookup(state: Pick<FlowState, 'variables' | 'customer' | 'language' | 'lastInput'>, name: string): FlowValue | undefined {
  const own = (o: Record<string, FlowValue>, k: string) => (Object.hasOwn(o, k) ? o[k] : undefined);
  if (name.startsWith('customer.')) return own(state.customer, name.slice('customer.'.length));
  if (name === 'last_input') return state.lastInput;
  if (name === 'language') return state.language;
  return own(state.variables, name);
}

export function valueToString(v: FlowValue | undefined): string {
  if (v === undefined || v === null) return '';
  return String(v);
}

/** Replaces {{name}} with the value (empty when unset); `encode` escapes each value (URLs). */
export function interpolate(tpl: string, get: (name: string) => FlowValue | undefined, encode?: (s: string) => string): string {
  return tpl.replace(PLACEHOLDER, (_m, name: string) => {
    const s = valueToString(get(name));
    return encode ? encode(s) : s;
  });
}

const CHINESE: Record<string, string> = {
  zh: 'zh-Hans', 'zh-cn': 'zh-Hans', 'zh-sg': 'zh-Hans', 'zh-hans': 'zh-Hans', 'zh-hans-cn': 'zh-Hans',
  'zh-tw': 'zh-Hant', 'zh-hk': 'zh-Hant', 'zh-mo': 'zh-Hant', 'zh-hant': 'zh-Hant', 'zh-hant-tw': 'zh-Hant', 'zh-hant-hk': 'zh-Hant',
};

/** A browser or caller language tag in the product's spelling: "zh-TW" → "zh-Hant", "en-GB" → "en", "PL" → "pl". */
export function normalizeLanguage(tag: string | undefined | null): string | undefined {
  const t = (tag ?? '').trim().replace(/_/g, '-');
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(t)) return undefined;
  const lower = t.toLowerCase();
  if (lower.startsWith('zh')) return CHINESE[lower] ?? (/-(tw|hk|mo|hant)/.test(lower) ? 'zh-Hant' : 'zh-Hans');
  return lower.split('-')[0];
}

/**
 * The text in `language`, else its base language, else (Chinese) the other script, else the
 * flow's default, else English, else any.
 */
export function pickText(text: LocalizedText | undefined, language: string, fallback?: string): string {
  if (!text) return '';
  const base = language.split('-')[0] ?? language;
  for (const c of [language, base]) if (text[c] !== undefined) return text[c];
  if (base === 'zh') {
    const zh = Object.keys(text).find((k) => k.startsWith('zh'));
    if (zh) return text[zh] ?? '';
  }
  for (const c of [fallback, 'en']) if (c && text[c] !== undefined) return text[c];
  return Object.values(text)[0] ?? '';
}
