import type { TicketFieldType } from '../../contracts/tickets.ts';
import type { CustomValues } from '../../storage/tickets.repo.ts';
import { invalid } from '../errors.ts';

export interface FieldDef {
  key: string;
  label: string;
  type: TicketFieldType;
  options: string[];
  required: boolean;
}

const expected: Record<TicketFieldType, string> = {
  text: 'text (a string)',
  number: 'a number',
  date: 'a date (YYYY-MM-DD)',
  dropdown: 'one of its options',
  checkbox: 'a checkbox (true or false)',
};

function isDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** Why a value does not fit a field, or null when it does. */
function problem(f: FieldDef, v: unknown): string | null {
  switch (f.type) {
    case 'text':
      return typeof v === 'string' ? null : `must be ${expected.text}`;
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? null : `must be ${expected.number}`;
    case 'date':
      return typeof v === 'string' && isDate(v) ? null : `must be ${expected.date}`;
    case 'checkbox':
      return typeof v === 'boolean' ? null : `must be ${expected.checkbox}`;
    case 'dropdown':
      if (typeof v !== 'string') return `must be ${expected.dropdown}, a string`;
      return f.options.includes(v) ? null : `"${v.slice(0, 50)}" is not one of its options: ${f.options.join(', ') || '(none defined)'}`;
  }
}

/**
 * Applies custom values to a ticket's current ones, checked against the tenant's definitions:
 * an unknown key, a value of the wrong type or a dropdown value outside the options is a 400
 * naming the field; null clears a value; on creation every required field must have a value.
 */
export function applyCustom(defs: FieldDef[], current: CustomValues, input: Record<string, string | number | boolean | null>, creating: boolean): CustomValues {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const issues: { path: string; message: string }[] = [];
  const next: CustomValues = { ...current };
  for (const [key, value] of Object.entries(input)) {
    const def = byKey.get(key);
    if (!def) {
      issues.push({ path: `custom.${key}`, message: `unknown field "${key}"; define it under /api/v1/ticket-fields first` });
      continue;
    }
    if (value === null) {
      if (def.required) issues.push({ path: `custom.${key}`, message: `field "${key}" (${def.label}) is required` });
      delete next[key];
      continue;
    }
    const why = problem(def, value);
    if (why) issues.push({ path: `custom.${key}`, message: `field "${key}" (${def.label}) ${why}` });
    else next[key] = value;
  }
  if (creating) {
    for (const d of defs) if (d.required && next[d.key] === undefined && !issues.some((i) => i.path === `custom.${d.key}`)) {
      issues.push({ path: `custom.${d.key}`, message: `field "${d.key}" (${d.label}) is required` });
    }
  }
  if (issues.length) throw invalid(`Custom fields are invalid: ${issues.map((i) => i.message).join('; ')}`, issues);
  return next;
}
