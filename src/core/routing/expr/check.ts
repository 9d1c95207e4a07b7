/**
 * Static checks of a parsed expression against what its scope knows: task attributes for
 * workflow filters, the tenant's skills, languages and teams for agent selectors. Unknown names
 * and type mistakes come back as ExprErrors with the column of the offending part.
 */
import { ExprError } from './lexer.ts';
import type { Expr, IdentNode } from './parser.ts';

export type ValueType = 'string' | 'number' | 'boolean' | 'list' | 'set' | 'null' | 'any';

/** Task attributes a filter may name (besides custom.<name>). */
export const taskAttributeTypes: Readonly<Record<string, ValueType>> = {
  channel: 'string', kind: 'string', language: 'string', priority: 'string', tags: 'list', inboxId: 'string',
  teamId: 'string', customerId: 'string', segment: 'list', intent: 'string',
};

/** Names an agent selector knows besides the tenant's skills. `lang` and `team` are sets: == means "has". */
export const agentBuiltinTypes: Readonly<Record<string, ValueType>> = { lang: 'set', team: 'set', name: 'string', role: 'string' };

export type Scope =
  | { kind: 'task' }
  | { kind: 'agent'; skills: readonly string[]; teams: readonly { id: string; name: string }[] };

export type Resolved =
  | { kind: 'attr'; name: string; type: ValueType }
  | { kind: 'skill'; name: string; type: 'number' }
  | { kind: 'builtin'; name: 'lang' | 'team' | 'name' | 'role'; type: ValueType };

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** What an identifier means in a scope, or null when unknown. */
export function resolveIdent(name: string, scope: Scope): Resolved | null {
  if (scope.kind === 'task') {
    if (hasOwn(taskAttributeTypes, name)) return { kind: 'attr', name, type: taskAttributeTypes[name]! };
    if (/^custom\.[^.]/.test(name)) return { kind: 'attr', name, type: 'any' };
    return null;
  }
  if (hasOwn(agentBuiltinTypes, name)) return { kind: 'builtin', name: name as 'lang', type: agentBuiltinTypes[name]! };
  if (scope.skills.includes(name)) return { kind: 'skill', name, type: 'number' };
  return null;
}

/** The team id of a team name (case-insensitive), for `team == "Sales"`. */
export function teamIdOf(scope: Scope, name: string): string | undefined {
  if (scope.kind !== 'agent') return undefined;
  const lower = name.toLowerCase();
  return scope.teams.find((t) => t.name.toLowerCase() === lower)?.id;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

function suggest(name: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(name, k);
    if (d < bestD) { bestD = d; best = k; }
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(name.length / 3)) ? ` (did you mean '${best}'?)` : '';
}

const listNames = (names: readonly string[], max = 20) => (names.length > max ? `${names.slice(0, max).join(', ')}, …` : names.join(', '));

function unknownIdent(node: IdentNode, scope: Scope): ExprError {
  if (scope.kind === 'task') {
    const known = Object.keys(taskAttributeTypes);
    return new ExprError(`unknown attribute '${node.name}'${suggest(node.name, known)}; known: ${known.join(', ')}, custom.<name>`, node.start + 1);
  }
  const known = [...scope.skills, ...Object.keys(agentBuiltinTypes)];
  const skills = scope.skills.length ? `known skills: ${listNames(scope.skills)}` : 'this workspace has no skills yet';
  return new ExprError(`unknown skill '${node.name}'${suggest(node.name, known)}; ${skills}; also lang, team, name, role`, node.start + 1);
}

const typeWord: Record<ValueType, string> = { string: 'text', number: 'a number', boolean: 'true/false', list: 'a list', set: 'a set', null: 'null', any: 'any value' };

function describeSide(e: Expr, t: ValueType, scope: Scope): string {
  if (e.type === 'ident') {
    const r = resolveIdent(e.name, scope);
    if (r?.kind === 'skill') return `skill '${e.name}' (a level 0..10)`;
    return `'${e.name}' (${typeWord[t]})`;
  }
  if (e.type === 'literal') return typeof e.value === 'string' ? 'a string' : typeWord[t];
  return typeWord[t];
}

/** Check an expression in a scope; returns every problem found (empty: fine). */
export function check(ast: Expr, scope: Scope): ExprError[] {
  const errors: ExprError[] = [];

  const valueType = (e: Expr): ValueType | undefined => {
    switch (e.type) {
      case 'literal': return e.value === null ? 'null' : (typeof e.value as 'string' | 'number' | 'boolean');
      case 'list': return 'list';
      case 'ident': {
        const r = resolveIdent(e.name, scope);
        if (!r) { errors.push(unknownIdent(e, scope)); return undefined; }
        return r.type;
      }
      default: condition(e); return 'boolean';
    }
  };

  const isTeam = (e: Expr) => scope.kind === 'agent' && e.type === 'ident' && e.name === 'team';

  const checkTeamNames = (other: Expr) => {
    const lits = other.type === 'literal' ? [other] : other.type === 'list' ? other.items : null;
    if (!lits) { errors.push(new ExprError(`compare team with team names in quotes, e.g. team == "Sales"`, other.start + 1)); return; }
    for (const l of lits) {
      if (typeof l.value !== 'string') { errors.push(new ExprError(`a team is named in quotes, e.g. team == "Sales"`, l.start + 1)); continue; }
      if (teamIdOf(scope, l.value) === undefined) {
        const names = scope.kind === 'agent' ? scope.teams.map((t) => t.name) : [];
        errors.push(new ExprError(`unknown team "${l.value}"${suggest(l.value, names)}; known: ${names.length ? listNames(names) : 'none yet'}`, l.start + 1));
      }
    }
  };

  const condition = (e: Expr): void => {
    switch (e.type) {
      case 'and': case 'or': e.items.forEach(condition); return;
      case 'not': condition(e.operand); return;
      case 'ident': valueType(e); return;
      case 'literal':
        if (typeof e.value === 'boolean') return;
        errors.push(new ExprError(`a value alone is not a condition; compare it, e.g. ${scope.kind === 'task' ? 'channel == "chat"' : 'billing >= 5'}`, e.start + 1));
        return;
      case 'list':
        errors.push(new ExprError(`a list alone is not a condition; use it after 'in', e.g. ${scope.kind === 'task' ? 'language in ["pl", "cy"]' : 'lang in ["pl", "cy"]'}`, e.start + 1));
        return;
      case 'compare': compare(e); return;
      case 'in': membership(e); return;
    }
  };

  const compare = (e: Extract<Expr, { type: 'compare' }>) => {
    const lt = valueType(e.left);
    const rt = valueType(e.right);
    if (lt === undefined || rt === undefined) return;
    if (isTeam(e.left) || isTeam(e.right)) {
      if (e.op !== '==' && e.op !== '!=') { errors.push(new ExprError(`'${e.op}' cannot be used with team; use == or !=`, e.opStart + 1)); return; }
      checkTeamNames(isTeam(e.left) ? e.right : e.left);
      return;
    }
    if (e.op === '==' || e.op === '!=') {
      if (lt === 'any' || rt === 'any' || lt === 'null' || rt === 'null' || lt === rt) return;
      if ((lt === 'set' && rt === 'string') || (lt === 'string' && rt === 'set')) return;
      const listSide = lt === 'list' ? e.left : rt === 'list' ? e.right : null;
      if (listSide?.type === 'ident' && (lt === 'string' || rt === 'string')) {
        const other = listSide === e.left ? e.right : e.left;
        const sample = other.type === 'literal' ? JSON.stringify(other.value) : '"x"';
        errors.push(new ExprError(`'${listSide.name}' is a list; test membership with ${sample} in ${listSide.name}`, listSide.start + 1));
        return;
      }
      errors.push(new ExprError(`cannot compare ${describeSide(e.left, lt, scope)} with ${describeSide(e.right, rt, scope)}`, e.opStart + 1));
      return;
    }
    for (const [side, t] of [[e.left, lt], [e.right, rt]] as const) {
      if (t === 'number' || t === 'any') continue;
      errors.push(new ExprError(`${describeSide(side, t, scope)} is not a number; '${e.op}' compares numbers only`, side.start + 1));
      return;
    }
  };

  const membership = (e: Extract<Expr, { type: 'in' }>) => {
    const lt = valueType(e.left);
    const rt = valueType(e.right);
    if (lt === undefined || rt === undefined) return;
    if (rt !== 'list' && rt !== 'set' && rt !== 'any') {
      errors.push(new ExprError(`'in' needs a list on its right side but ${describeSide(e.right, rt, scope)} is not a list; write e.g. ${scope.kind === 'task' ? '"vip" in tags' : 'lang in ["pl", "cy"]'}`, e.right.start + 1));
      return;
    }
    if (lt === 'boolean') { errors.push(new ExprError(`the left side of 'in' must be a value, not a condition`, e.left.start + 1)); return; }
    if (isTeam(e.left)) { checkTeamNames(e.right); return; }
    if (isTeam(e.right)) { checkTeamNames(e.left); return; }
    if (e.right.type === 'list' && rt === 'list') {
      for (const item of e.right.items) {
        const it = item.value === null ? 'null' : typeof item.value;
        if (it === 'null' || lt === 'any' || lt === 'list' || lt === 'set' || lt === 'null' || it === lt) continue;
        errors.push(new ExprError(`cannot look for ${describeSide(e.left, lt, scope)} among ${it === 'string' ? 'strings' : 'numbers'}`, item.start + 1));
        return;
      }
    }
  };

  condition(ast);
  return errors;
}

/** Names of the skills an agent expression uses (for most_skilled's score). */
export function skillsUsed(ast: Expr, scope: Scope): string[] {
  const out = new Set<string>();
  const walk = (e: Expr): void => {
    switch (e.type) {
      case 'ident': if (resolveIdent(e.name, scope)?.kind === 'skill') out.add(e.name); return;
      case 'and': case 'or': e.items.forEach(walk); return;
      case 'not': walk(e.operand); return;
      case 'compare': case 'in': walk(e.left); walk(e.right); return;
      default: return;
    }
  };
  walk(ast);
  return [...out];
}
