/**
 * Compile a checked expression to closures. No eval, no new Function: every identifier is
 * resolved to an accessor once, at compile time, and literals are folded into the closures,
 * because the engine evaluates these millions of times.
 *
 * Semantics: a missing task attribute is null; null == null; `"x" in tags` is false when tags
 * is missing; ordering (< <= > >=) is false unless both sides are numbers; `==` between a list
 * and a single value means "the list contains it" (lang == "pl", team == "Sales").
 */
import type { AttrValue, RoutingAgent, TaskAttributes } from '../types.ts';
import { resolveIdent, skillsUsed, teamIdOf, type Scope } from './check.ts';
import type { CompareOp, Expr, Literal } from './parser.ts';

type Value = AttrValue;
type Get<C> = (ctx: C) => Value;
export type Predicate<C> = (ctx: C) => boolean;

/** A value no attribute has (a team name that does not exist). */
const NOTHING = '\u0000no-such-team';

function equal(a: Value, b: Value): boolean {
  if (a === b) return true;
  const aa = Array.isArray(a);
  const ba = Array.isArray(b);
  if (aa && ba) {
    const x = a as readonly string[];
    const y = b as readonly string[];
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  if (aa) return b !== null && (a as readonly unknown[]).includes(b);
  if (ba) return a !== null && (b as readonly unknown[]).includes(a);
  return false;
}

function contains(left: Value, right: Value): boolean {
  if (!Array.isArray(right)) return false;
  const r = right as readonly unknown[];
  if (Array.isArray(left)) return (left as readonly unknown[]).some((v) => r.includes(v));
  return r.includes(left);
}

function truthy(v: Value): boolean {
  if (typeof v === 'number') return v > 0;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  return v === true;
}

function order(op: CompareOp): (a: number, b: number) => boolean {
  switch (op) {
    case '<': return (a, b) => a < b;
    case '<=': return (a, b) => a <= b;
    case '>': return (a, b) => a > b;
    default: return (a, b) => a >= b;
  }
}

function accessor(name: string, scope: Scope): Get<never> {
  const r = resolveIdent(name, scope);
  if (!r) throw new Error(`compile: unknown identifier '${name}' (check the expression first)`);
  if (r.kind === 'attr') return ((t: TaskAttributes) => { const v = t[name]; return v === undefined ? null : v; }) as Get<never>;
  if (r.kind === 'skill') return ((a: RoutingAgent) => a.skills[name] ?? 0) as Get<never>;
  switch (r.name) {
    case 'lang': return ((a: RoutingAgent) => a.languages) as Get<never>;
    case 'team': return ((a: RoutingAgent) => a.teamIds) as Get<never>;
    case 'name': return ((a: RoutingAgent) => a.name) as Get<never>;
    default: return ((a: RoutingAgent) => a.role) as Get<never>;
  }
}

/** Compile a checked expression (see check.ts) to a predicate over the scope's context. */
export function compile<C>(ast: Expr, scope: Scope): Predicate<C> {
  const isTeam = (e: Expr) => scope.kind === 'agent' && e.type === 'ident' && e.name === 'team';
  /** Team names in literals become team ids, so the test is against the agent's teamIds. */
  const teamLiteral = (v: Literal): Literal => (typeof v === 'string' ? teamIdOf(scope, v) ?? NOTHING : v);

  const value = (e: Expr, teams: boolean): Get<C> => {
    switch (e.type) {
      case 'literal': { const v = teams ? teamLiteral(e.value) : e.value; return () => v; }
      case 'list': { const v = e.items.map((i) => (teams ? teamLiteral(i.value) : i.value)) as unknown as Value; return () => v; }
      case 'ident': return accessor(e.name, scope) as Get<C>;
      default: { const p = cond(e); return (c) => p(c); }
    }
  };

  const cond = (e: Expr): Predicate<C> => {
    switch (e.type) {
      case 'literal': { const v = e.value === true; return () => v; }
      case 'list': return () => false;
      case 'ident': { const g = value(e, false); return (c) => truthy(g(c)); }
      case 'not': { const p = cond(e.operand); return (c) => !p(c); }
      case 'and': {
        const ps = e.items.map(cond);
        if (ps.length === 2) { const [a, b] = ps as [Predicate<C>, Predicate<C>]; return (c) => a(c) && b(c); }
        return (c) => { for (const p of ps) if (!p(c)) return false; return true; };
      }
      case 'or': {
        const ps = e.items.map(cond);
        if (ps.length === 2) { const [a, b] = ps as [Predicate<C>, Predicate<C>]; return (c) => a(c) || b(c); }
        return (c) => { for (const p of ps) if (p(c)) return true; return false; };
      }
      case 'compare': return compare(e);
      case 'in': return membership(e);
    }
  };

  const compare = (e: Extract<Expr, { type: 'compare' }>): Predicate<C> => {
    const teams = isTeam(e.left) || isTeam(e.right);
    const l = value(e.left, teams && !isTeam(e.left));
    if (e.op === '==' || e.op === '!=') {
      const neg = e.op === '!=';
      if (e.right.type === 'literal' && e.right.value !== null) {
        // fast path: attribute == "literal"
        const lit = teams ? teamLiteral(e.right.value) : e.right.value;
        return neg
          ? (c) => { const v = l(c); return !(v === lit || (Array.isArray(v) && (v as readonly unknown[]).includes(lit))); }
          : (c) => { const v = l(c); return v === lit || (Array.isArray(v) && (v as readonly unknown[]).includes(lit)); };
      }
      const r = value(e.right, teams && !isTeam(e.right));
      return neg ? (c) => !equal(l(c), r(c)) : (c) => equal(l(c), r(c));
    }
    const cmp = order(e.op);
    if (e.right.type === 'literal' && typeof e.right.value === 'number') {
      const n = e.right.value;
      return (c) => { const v = l(c); return typeof v === 'number' && cmp(v, n); };
    }
    const r = value(e.right, false);
    return (c) => { const a = l(c); const b = r(c); return typeof a === 'number' && typeof b === 'number' && cmp(a, b); };
  };

  const membership = (e: Extract<Expr, { type: 'in' }>): Predicate<C> => {
    const teams = isTeam(e.left) || isTeam(e.right);
    const l = value(e.left, teams && !isTeam(e.left));
    if (e.right.type === 'list') {
      const set = new Set<unknown>(e.right.items.map((i) => (teams ? teamLiteral(i.value) : i.value)));
      return (c) => {
        const v = l(c);
        if (Array.isArray(v)) { for (const x of v as readonly unknown[]) if (set.has(x)) return true; return false; }
        return set.has(v);
      };
    }
    const r = value(e.right, teams && !isTeam(e.right));
    if (e.left.type === 'literal') {
      const lit = teams ? teamLiteral(e.left.value) : e.left.value;
      return (c) => { const v = r(c); return Array.isArray(v) && (v as readonly unknown[]).includes(lit); };
    }
    return (c) => contains(l(c), r(c));
  };

  return cond(ast);
}

/** For most_skilled: the sum of the agent's levels of the skills the expression names. */
export function compileSkillScore(ast: Expr | null, scope: Scope): (a: RoutingAgent) => number {
  const names = ast ? skillsUsed(ast, scope) : [];
  if (names.length === 0) return () => 0;
  if (names.length === 1) { const n = names[0]!; return (a) => a.skills[n] ?? 0; }
  return (a) => { let s = 0; for (const n of names) s += a.skills[n] ?? 0; return s; };
}
