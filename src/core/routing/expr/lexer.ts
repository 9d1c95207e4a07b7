/**
 * Tokens of the routing expression language (workflow filters and agent selectors).
 * Design: docs/decisions/013-routing.md. Positions are 0-based offsets into the source;
 * errors report them as 1-based columns.
 */

/**
 * The one error of the expression language: a reason a person understands and the 1-based column.
 * A reason written "what is wrong; what to do" reads "what is wrong at column N; what to do".
 */
export class ExprError extends Error {
  readonly column: number;
  readonly reason: string;
  constructor(reason: string, column: number) {
    const cut = reason.indexOf('; ');
    super(cut < 0 ? `${reason} at column ${column}` : `${reason.slice(0, cut)} at column ${column}${reason.slice(cut)}`);
    this.name = 'ExprError';
    this.reason = reason;
    this.column = column;
  }
}

export const isExprError = (e: unknown): e is ExprError => e instanceof ExprError;

export const limits = { sourceLength: 2000, depth: 32, listItems: 100 } as const;

export type Operator = '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||' | '!' | 'in';
export type TokenKind = 'ident' | 'string' | 'number' | 'true' | 'false' | 'null' | 'op' | '(' | ')' | '[' | ']' | ',' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The identifier, the decoded string, the operator, or the raw text. */
  text: string;
  /** For numbers. */
  num?: number;
  start: number;
  end: number;
}

const isIdentStart = (c: string) => /[\p{L}_]/u.test(c);
const isIdentPart = (c: string) => /[\p{L}\p{N}_-]/u.test(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** Show a character in an error message; invisible ones by code. */
export const showChar = (c: string): string => (/[\p{L}\p{N}\p{P}\p{S}]/u.test(c) ? `'${c}'` : `character U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);

export function tokenize(src: string): Token[] {
  if (src.length > limits.sourceLength) {
    throw new ExprError(`the expression is too long (${src.length} characters, at most ${limits.sourceLength})`, limits.sourceLength + 1);
  }
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    const start = i;
    const two = src.slice(i, i + 2);
    if (two === '==' || two === '!=' || two === '<=' || two === '>=' || two === '&&' || two === '||') {
      out.push({ kind: 'op', text: two, start, end: i + 2 });
      i += 2;
      continue;
    }
    if (c === '<' || c === '>' || c === '!') { out.push({ kind: 'op', text: c, start, end: i + 1 }); i++; continue; }
    if (c === '=') throw new ExprError(`unexpected '='; use '==' to compare`, start + 1);
    if (c === '&') throw new ExprError(`unexpected '&'; use '&&' for "and"`, start + 1);
    if (c === '|') throw new ExprError(`unexpected '|'; use '||' for "or"`, start + 1);
    if (c === '(' || c === ')' || c === '[' || c === ']' || c === ',') { out.push({ kind: c, text: c, start, end: i + 1 }); i++; continue; }
    if (c === '"') { i = readString(src, i, out); continue; }
    if (c === "'") throw new ExprError(`strings are written in double quotes ("like this"), not single quotes`, start + 1);
    if (isDigit(c) || ((c === '-' || c === '.') && isDigit(src[i + 1]))) { i = readNumber(src, i, out); continue; }
    if (isIdentStart(c)) { i = readIdent(src, i, out); continue; }
    throw new ExprError(`unexpected ${showChar(c)}`, start + 1);
  }
  out.push({ kind: 'eof', text: '', start: src.length, end: src.length });
  return out;
}

function readString(src: string, i: number, out: Token[]): number {
  const start = i;
  let s = '';
  i++;
  for (;;) {
    if (i >= src.length) throw new ExprError(`the string is not closed; add a closing '"'`, start + 1);
    const c = src[i]!;
    if (c === '"') break;
    if (c === '\\') {
      const n = src[i + 1];
      if (n === '"' || n === '\\') { s += n; i += 2; continue; }
      throw new ExprError(n === undefined ? `the string is not closed; add a closing '"'` : `unknown escape '\\${n}' in a string; only \\" and \\\\ are allowed`, n === undefined ? start + 1 : i + 1);
    }
    s += c;
    i++;
  }
  out.push({ kind: 'string', text: s, start, end: i + 1 });
  return i + 1;
}

function readNumber(src: string, i: number, out: Token[]): number {
  const start = i;
  if (src[i] === '-') i++;
  while (isDigit(src[i])) i++;
  if (src[i] === '.') {
    i++;
    if (!isDigit(src[i])) throw new ExprError(`expected a digit after the decimal point`, i + 1);
    while (isDigit(src[i])) i++;
  }
  if (i < src.length && isIdentPart(src[i]!)) throw new ExprError(`unexpected ${showChar(src[i]!)} in a number; names start with a letter`, i + 1);
  const text = src.slice(start, i);
  out.push({ kind: 'number', text, num: Number(text), start, end: i });
  return i;
}

function readIdent(src: string, i: number, out: Token[]): number {
  const start = i;
  for (;;) {
    while (i < src.length && isIdentPart(src[i]!)) i++;
    // dotted path: custom.plan
    if (src[i] === '.' && i + 1 < src.length && isIdentStart(src[i + 1]!)) { i++; continue; }
    if (src[i] === '.') throw new ExprError(`expected a name after '.'`, i + 2);
    break;
  }
  const text = src.slice(start, i);
  if (text.endsWith('-')) throw new ExprError(`a name cannot end with '-'`, i);
  const kind: TokenKind = text === 'true' || text === 'false' || text === 'null' ? text : 'ident';
  if (text === 'in') out.push({ kind: 'op', text, start, end: i });
  else out.push({ kind, text, start, end: i });
  return i;
}
