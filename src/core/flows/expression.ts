/**
 * `set` node expressions: numbers, variables (`count`, `customer.age`), + - * / %, parentheses and
 * unary minus. `+` joins text when either side is not a number. Nothing else: no calls, no
 * property access beyond customer.<field>, so an expression can never run code.
 */
import type { FlowValue } from './types.ts';

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'var'; name: string }
  | { k: 'neg'; e: Expr }
  | { k: 'bin'; op: '+' | '-' | '*' | '/' | '%'; l: Expr; r: Expr };

type Tok = { t: 'num'; v: number } | { t: 'id'; v: string } | { t: 'op'; v: string };

const MAX_EXPR = 500;

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)|([-+*/%()]))/y;
  let i = 0;
  while (i < src.length) {
    if (/^\s*$/.test(src.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(src);
    if (!m) throw new Error(`unexpected "${src.slice(i).trim()[0]}" at position ${i + 1}`);
    if (m[1] !== undefined) out.push({ t: 'num', v: Number(m[1]) });
    else if (m[2] !== undefined) {
      if (m[2].includes('.') && !m[2].startsWith('customer.')) throw new Error(`"${m[2]}" is not a variable; only customer.<field> has a dot`);
      out.push({ t: 'id', v: m[2] });
    }
    else out.push({ t: 'op', v: m[3]! });
    i = re.lastIndex;
  }
  return out;
}

/** Parses an expression; throws an Error with a readable message. */
export function parseExpression(src: string): Expr {
  if (src.length > MAX_EXPR) throw new Error(`the expression is longer than ${MAX_EXPR} characters`);
  const toks = tokenize(src);
  let pos = 0;
  const peek = () => toks[pos];
  const eat = (v: string) => {
    const t = peek();
    if (t?.t === 'op' && t.v === v) { pos++; return true; }
    return false;
  };
  const primary = (): Expr => {
    const t = toks[pos++];
    if (!t) throw new Error('the expression ends too early');
    if (t.t === 'num') return { k: 'num', v: t.v };
    if (t.t === 'id') return { k: 'var', name: t.v };
    if (t.v === '(') {
      const e = sum();
      if (!eat(')')) throw new Error('a ")" is missing');
      return e;
    }
    if (t.v === '-') return { k: 'neg', e: primary() };
    throw new Error(`unexpected "${t.v}"`);
  };
  const product = (): Expr => {
    let l = primary();
    for (let t = peek(); t?.t === 'op' && (t.v === '*' || t.v === '/' || t.v === '%'); t = peek()) {
      pos++;
      l = { k: 'bin', op: t.v as '*' | '/' | '%', l, r: primary() };
    }
    return l;
  };
  const sum = (): Expr => {
    let l = product();
    for (let t = peek(); t?.t === 'op' && (t.v === '+' || t.v === '-'); t = peek()) {
      pos++;
      l = { k: 'bin', op: t.v as '+' | '-', l, r: product() };
    }
    return l;
  };
  if (toks.length === 0) throw new Error('the expression is empty');
  const e = sum();
  if (pos < toks.length) throw new Error(`unexpected "${(toks[pos] as Tok).v}"`);
  return e;
}

export function expressionVariables(e: Expr, out: string[] = []): string[] {
  if (e.k === 'var' && !out.includes(e.name)) out.push(e.name);
  if (e.k === 'neg') expressionVariables(e.e, out);
  if (e.k === 'bin') { expressionVariables(e.l, out); expressionVariables(e.r, out); }
  return out;
}

const asNumber = (v: FlowValue | undefined): number | null => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return null;
};

/** Evaluates; unset variables are 0 in arithmetic and '' in text, division by zero gives null. */
export function evaluate(e: Expr, get: (name: string) => FlowValue | undefined): FlowValue {
  switch (e.k) {
    case 'num': return e.v;
    case 'var': return get(e.name) ?? null;
    case 'neg': { const n = asNumber(evaluate(e.e, get)); return n === null ? null : -n; }
    case 'bin': {
      const l = evaluate(e.l, get);
      const r = evaluate(e.r, get);
      const ln = l === null ? 0 : asNumber(l);
      const rn = r === null ? 0 : asNumber(r);
      if (e.op === '+' && (ln === null || rn === null)) return `${l ?? ''}${r ?? ''}`;
      if (ln === null || rn === null) return null;
      let v: number;
      switch (e.op) {
        case '+': v = ln + rn; break;
        case '-': v = ln - rn; break;
        case '*': v = ln * rn; break;
        case '/': v = ln / rn; break;
        case '%': v = ln % rn; break;
      }
      return Number.isFinite(v) ? v : null;
    }
  }
}
