/** Checking and normalizing what a customer answers to an `ask` node. */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { MAX_PATTERN_LENGTH, type AskKind } from './schema.ts';

export const MAX_ANSWER_CHARS = 1000;

export type AnswerCheck = { ok: true; value: string | number } | { ok: false };

/** Where a phone number without a country code is assumed to be, per language. */
const PHONE_COUNTRY: Record<string, CountryCode> = { en: 'GB', cy: 'GB', pl: 'PL', hi: 'IN', 'zh-Hans': 'CN', 'zh-Hant': 'TW' };

const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:".]{2,}$/u;

/**
 * Why a pattern may not be used, or null. Patterns are short, must compile in Unicode mode and must
 * not nest quantifiers (`(a+)+`, `(\w*)*`), the shape behind catastrophic backtracking; back-references
 * are refused for the same reason.
 */
export function regexProblem(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return `the pattern is longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(pattern, 'u');
  } catch (e) {
    return `the pattern is not a valid regular expression (${(e as Error).message.replace(/^Invalid regular expression: /, '')})`;
  }
  if (/\\[1-9]|\\k</.test(pattern)) return 'back-references are not allowed';
  // A group that contains a quantifier and is itself quantified.
  const stack: boolean[] = [];
  let quantifiedInside = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') { i++; continue; }
    if (c === '[') { // skip a character class
      i++;
      while (i < pattern.length && pattern[i] !== ']') { if (pattern[i] === '\\') i++; i++; }
      continue;
    }
    if (c === '(') { stack.push(quantifiedInside); quantifiedInside = false; continue; }
    if (c === '+' || c === '*' || c === '{') quantifiedInside = true;
    if (c === ')') {
      const inner = quantifiedInside;
      quantifiedInside = stack.pop() ?? false;
      const next = pattern[i + 1];
      if (inner && (next === '+' || next === '*' || next === '{')) return 'nested quantifiers like (a+)+ can take forever on some inputs; simplify the pattern';
      if (inner) quantifiedInside = true;
    }
  }
  return null;
}

/** Whether `text` (whole) matches `pattern`; unsafe patterns and long inputs never match. */
export function safeFullMatch(pattern: string, text: string): boolean {
  if (text.length > MAX_ANSWER_CHARS || regexProblem(pattern)) return false;
  return new RegExp(`^(?:${pattern})$`, 'u').test(text);
}

/** Same safety rules, for `matches` conditions (anywhere in the text). */
export function safeSearch(pattern: string, text: string): boolean {
  if (regexProblem(pattern)) return false;
  return new RegExp(pattern, 'u').test(text.slice(0, MAX_ANSWER_CHARS));
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function isoDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1000 || y > 9999) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** ISO (2026-12-31), day-first (31/12/2026, 31.12.2026, 31-12-2026) and CJK (2026年12月31日) dates → YYYY-MM-DD. */
export function parseDate(text: string): string | null {
  const t = text.normalize('NFKC').trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(t);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t);
  if (m) return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

/** "12", "-3.5", "3,5", "1 000", "1,000.25" → number. */
export function parseNumber(text: string): number | null {
  let t = text.normalize('NFKC').trim().replace(/[\s\u00a0\u202f']/g, '');
  if (!/^[-+]?[\d.,]+$/.test(t) || !/\d/.test(t)) return null;
  const lastComma = t.lastIndexOf(',');
  const lastDot = t.lastIndexOf('.');
  if (lastComma > -1 && lastDot > -1) {
    // the later one is the decimal separator
    t = lastComma > lastDot ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,/g, '');
  } else if (lastComma > -1) {
    const parts = t.split(',');
    t = parts.length === 2 && parts[1]!.length !== 3 ? t.replace(',', '.') : parts.length === 2 && parts[0] === '0' ? t.replace(',', '.') : t.replace(/,/g, '');
  } else if ((t.match(/\./g) ?? []).length > 1) {
    t = t.replace(/\./g, '');
  }
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

export function parsePhone(text: string, language: string): string | null {
  const t = text.normalize('NFKC').trim();
  if (t.length > 40 || !/^[+\d()\-.\s]+$/.test(t)) return null;
  const p = parsePhoneNumberFromString(t, PHONE_COUNTRY[language] ?? 'GB');
  return p && p.isValid() ? p.number : null;
}

export function checkAnswer(kind: AskKind, raw: string, language: string, pattern?: string): AnswerCheck {
  const text = raw.trim();
  if (text.length === 0 || text.length > MAX_ANSWER_CHARS) return { ok: false };
  switch (kind) {
    case 'text':
      return { ok: true, value: text };
    case 'email': {
      const t = text.normalize('NFKC');
      if (t.length > 254 || !EMAIL.test(t)) return { ok: false };
      const at = t.lastIndexOf('@');
      return { ok: true, value: t.slice(0, at) + '@' + t.slice(at + 1).toLowerCase() };
    }
    case 'phone': {
      const p = parsePhone(text, language);
      return p ? { ok: true, value: p } : { ok: false };
    }
    case 'number': {
      const n = parseNumber(text);
      return n === null ? { ok: false } : { ok: true, value: n };
    }
    case 'date': {
      const d = parseDate(text);
      return d ? { ok: true, value: d } : { ok: false };
    }
    case 'regex':
      return pattern && safeFullMatch(pattern, text) ? { ok: true, value: text } : { ok: false };
  }
}
