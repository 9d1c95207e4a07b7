/**
 * Parser of the routing expression language: tokens to an AST with source positions.
 * Grammar (lowest precedence first):
 *   or      := and ('||' and)*
 *   and     := not ('&&' not)*
 *   not     := '!' not | compare
 *   compare := value (('==' | '!=' | '<' | '<=' | '>' | '>=' | 'in') value)?
 *   value   := literal | identifier | '[' literal (',' literal)* ']' | '(' or ')'
 */
import { ExprError, limits, tokenize, type Token } from './lexer.ts';

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type Literal = string | number | boolean | null;

interface Span { start: number; end: number }
export type LiteralNode = Span & { type: 'literal'; value: Literal };
export type IdentNode = Span & { type: 'ident'; name: string };
export type ListNode = Span & { type: 'list'; items: LiteralNode[] };
export type NotNode = Span & { type: 'not'; operand: Expr };
export type LogicNode = Span & { type: 'and' | 'or'; items: Expr[] };
export type CompareNode = Span & { type: 'compare'; op: CompareOp; left: Expr; right: Expr; opStart: number };
export type InNode = Span & { type: 'in'; left: Expr; right: Expr; opStart: number };
export type Expr = LiteralNode | IdentNode | ListNode | NotNode | LogicNode | CompareNode | InNode;

const compareOps = new Set(['==', '!=', '<', '<=', '>', '>=']);

/** Parse an expression; throws ExprError (1-based column and a reason) on a syntax error. */
export function parse(source: string): Expr {
  const tokens = tokenize(source);
  if (tokens.length === 1) throw new ExprError('the expression is empty; write a condition such as channel == "chat"', 1);
  const p = new Parser(tokens);
  const e = p.or(0);
  const t = p.peek();
  if (t.kind !== 'eof') {
    const hint = t.kind === 'op' && compareOps.has(t.text) ? `; comparisons cannot be chained, join them with '&&' or '||'` : `; join conditions with '&&' or '||'`;
    throw new ExprError(`unexpected ${describe(t)}${hint}`, t.start + 1);
  }
  return e;
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'eof': return 'end of the expression';
    case 'string': return `string "${t.text.length > 20 ? `${t.text.slice(0, 20)}…` : t.text}"`;
    case 'number': return `number ${t.text}`;
    case 'ident': return `name '${t.text}'`;
    default: return `'${t.text}'`;
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token { return this.tokens[this.pos]!; }
  private next(): Token { return this.tokens[this.pos++]!; }
  private isOp(text: string): boolean { const t = this.peek(); return t.kind === 'op' && t.text === text; }

  private enter(depth: number, at: Token): number {
    if (depth >= limits.depth) throw new ExprError(`the expression nests too deeply (more than ${limits.depth} levels)`, at.start + 1);
    return depth + 1;
  }

  or(depth: number): Expr {
    const first = this.and(depth);
    if (!this.isOp('||')) return first;
    const items = [first];
    while (this.isOp('||')) { const op = this.next(); items.push(this.and(depth, op)); }
    return { type: 'or', items, start: first.start, end: items[items.length - 1]!.end };
  }

  private and(depth: number, after?: Token): Expr {
    const first = this.not(depth, after);
    if (!this.isOp('&&')) return first;
    const items = [first];
    while (this.isOp('&&')) { const op = this.next(); items.push(this.not(depth, op)); }
    return { type: 'and', items, start: first.start, end: items[items.length - 1]!.end };
  }

  private not(depth: number, after?: Token): Expr {
    if (this.isOp('!')) {
      const op = this.next();
      const operand = this.not(this.enter(depth, op), op);
      return { type: 'not', operand, start: op.start, end: operand.end };
    }
    return this.compare(depth, after);
  }

  private compare(depth: number, after?: Token): Expr {
    const left = this.value(depth, after);
    const t = this.peek();
    if (t.kind === 'op' && (compareOps.has(t.text) || t.text === 'in')) {
      this.next();
      const right = this.value(depth, t);
      if (t.text === 'in') return { type: 'in', left, right, opStart: t.start, start: left.start, end: right.end };
      return { type: 'compare', op: t.text as CompareOp, left, right, opStart: t.start, start: left.start, end: right.end };
    }
    return left;
  }

  private value(depth: number, after?: Token): Expr {
    const t = this.next();
    switch (t.kind) {
      case 'string': return { type: 'literal', value: t.text, start: t.start, end: t.end };
      case 'number': return { type: 'literal', value: t.num!, start: t.start, end: t.end };
      case 'true': case 'false': return { type: 'literal', value: t.kind === 'true', start: t.start, end: t.end };
      case 'null': return { type: 'literal', value: null, start: t.start, end: t.end };
      case 'ident': return { type: 'ident', name: t.text, start: t.start, end: t.end };
      case '(': {
        const inner = this.or(this.enter(depth, t));
        const close = this.next();
        if (close.kind !== ')') throw new ExprError(`expected ')' but found ${describe(close)}; the '(' at column ${t.start + 1} is not closed`, close.start + 1);
        return inner;
      }
      case '[': return this.list(t);
      default: {
        this.pos--;
        const where = after ? ` after '${after.text}'` : '';
        throw new ExprError(`expected a value${where}${t.kind === 'eof' ? '' : ` but found ${describe(t)}`}`, t.start + 1);
      }
    }
  }

  private list(open: Token): ListNode {
    const items: LiteralNode[] = [];
    if (this.peek().kind === ']') {
      const close = this.next();
      return { type: 'list', items, start: open.start, end: close.end };
    }
    for (;;) {
      const t = this.next();
      if (t.kind === 'string' || t.kind === 'number' || t.kind === 'true' || t.kind === 'false' || t.kind === 'null') {
        const value: Literal = t.kind === 'string' ? t.text : t.kind === 'number' ? t.num! : t.kind === 'null' ? null : t.kind === 'true';
        items.push({ type: 'literal', value, start: t.start, end: t.end });
        if (items.length > limits.listItems) throw new ExprError(`a list may hold at most ${limits.listItems} items`, t.start + 1);
      } else {
        throw new ExprError(`expected a string or number in the list, found ${describe(t)}`, t.start + 1);
      }
      const sep = this.next();
      if (sep.kind === ']') return { type: 'list', items, start: open.start, end: sep.end };
      if (sep.kind !== ',') throw new ExprError(`expected ',' or ']' but found ${describe(sep)}; the list starts at column ${open.start + 1}`, sep.start + 1);
    }
  }
}
