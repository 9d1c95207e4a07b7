import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExprError, limits } from './lexer.ts';
import { parse, type Expr } from './parser.ts';

/** The AST without positions, for readable assertions. */
function shape(e: Expr): unknown {
  switch (e.type) {
    case 'literal': return e.value;
    case 'ident': return `@${e.name}`;
    case 'list': return e.items.map(shape);
    case 'not': return ['!', shape(e.operand)];
    case 'and': case 'or': return [e.type === 'and' ? '&&' : '||', ...e.items.map(shape)];
    case 'compare': return [e.op, shape(e.left), shape(e.right)];
    case 'in': return ['in', shape(e.left), shape(e.right)];
  }
}

function syntaxError(src: string): ExprError {
  try {
    parse(src);
  } catch (e) {
    assert.ok(e instanceof ExprError, `expected ExprError for ${JSON.stringify(src)}, got ${String(e)}`);
    return e;
  }
  assert.fail(`expected a syntax error for ${JSON.stringify(src)}`);
}

test('parses literals, identifiers, dotted and hyphenated names', () => {
  assert.deepEqual(shape(parse('custom.plan == "gold"')), ['==', '@custom.plan', 'gold']);
  assert.deepEqual(shape(parse('billing-advanced >= 5')), ['>=', '@billing-advanced', 5]);
  assert.deepEqual(shape(parse('x_1 < 2.5')), ['<', '@x_1', 2.5]);
  assert.deepEqual(shape(parse('x > -3')), ['>', '@x', -3]);
  assert.deepEqual(shape(parse('a == true || b == false || c == null')), ['||', ['==', '@a', true], ['==', '@b', false], ['==', '@c', null]]);
  assert.deepEqual(shape(parse('name == "say \\"hi\\" \\\\ bye"')), ['==', '@name', 'say "hi" \\ bye']);
  assert.deepEqual(shape(parse('lang in ["pl", "cy"]')), ['in', '@lang', ['pl', 'cy']]);
  assert.deepEqual(shape(parse('x in []')), ['in', '@x', []]);
  assert.deepEqual(shape(parse('"vip" in tags')), ['in', 'vip', '@tags']);
  assert.deepEqual(shape(parse('ąę == "ż"')), ['==', '@ąę', 'ż']);
});

test('precedence: || lowest, then &&, then !, then comparison', () => {
  assert.deepEqual(shape(parse('a == 1 || b == 2 && c == 3')), ['||', ['==', '@a', 1], ['&&', ['==', '@b', 2], ['==', '@c', 3]]]);
  assert.deepEqual(shape(parse('(a == 1 || b == 2) && c == 3')), ['&&', ['||', ['==', '@a', 1], ['==', '@b', 2]], ['==', '@c', 3]]);
  assert.deepEqual(shape(parse('!a == 1 && !!b')), ['&&', ['!', ['==', '@a', 1]], ['!', ['!', '@b']]]);
  assert.deepEqual(shape(parse('!(a || b)')), ['!', ['||', '@a', '@b']]);
});

test('nodes carry source positions', () => {
  const e = parse('  billing >= 5 && lang == "pl"');
  assert.equal(e.type, 'and');
  if (e.type !== 'and') return;
  const [first, second] = e.items;
  assert.equal(first!.start, 2);
  assert.equal(second!.start, 18);
  assert.equal(second!.end, 30);
  if (second!.type !== 'compare') assert.fail('compare expected');
  assert.equal(second!.opStart, 23);
});

test('syntax errors name the 1-based column and a reason', () => {
  const cases: [string, number, RegExp][] = [
    ['billing >= ', 12, /^expected a value after '>=' at column 12$/],
    ['', 1, /empty/],
    ['   ', 1, /empty/],
    ['a == 1 &&', 10, /expected a value after '&&'/],
    ['a == 1 || || b', 11, /expected a value after '\|\|' but found '\|\|'/],
    ['a = 1', 3, /unexpected '=' at column 3; use '=='/],
    ['a & b', 3, /use '&&'/],
    ['a | b', 3, /use '\|\|'/],
    ['a == "x', 6, /string is not closed at column 6/],
    ["a == 'x'", 6, /double quotes/],
    ['a == "x\\n"', 8, /unknown escape '\\n'/],
    ['(a == 1', 8, /expected '\)' but found end of the expression at column 8; the '\(' at column 1 is not closed/],
    ['a == 1)', 7, /unexpected '\)'/],
    ['a == b == c', 8, /comparisons cannot be chained/],
    ['a == 1 b == 2', 8, /unexpected name 'b' at column 8; join conditions with '&&' or '\|\|'/],
    ['a in ["x" "y"]', 11, /expected ',' or '\]' but found string "y"/],
    ['a in ["x", b]', 12, /expected a string or number in the list, found name 'b'/],
    ['a in ["x",', 11, /expected a string or number in the list, found end of the expression/],
    ['a == 1.', 8, /digit after the decimal point/],
    ['a == 12ab', 8, /in a number/],
    ['custom. == 1', 8, /expected a name after '.'/],
    ['a- == 1', 2, /cannot end with '-'/],
    ['a == @', 6, /unexpected '@'/],
    ['a == \u0007', 6, /U\+0007/],
    ['!', 2, /expected a value after '!'/],
    ['()', 2, /expected a value but found '\)'/],
    ['a == - 1', 6, /unexpected '-'/],
  ];
  for (const [src, column, re] of cases) {
    const e = syntaxError(src);
    assert.equal(e.column, column, `column for ${JSON.stringify(src)}: ${e.message}`);
    assert.match(e.message, re, `message for ${JSON.stringify(src)}`);
  }
});

test('limits: length, nesting depth and list size', () => {
  assert.doesNotThrow(() => parse(`a == "${'x'.repeat(limits.sourceLength - 7)}"`));
  assert.match(syntaxError(`a == "${'x'.repeat(limits.sourceLength)}"`).message, /too long \(2007 characters, at most 2000\) at column 2001/);
  assert.doesNotThrow(() => parse(`${'('.repeat(32)}a${')'.repeat(32)}`));
  const deep = syntaxError(`${'('.repeat(33)}a${')'.repeat(33)}`);
  assert.equal(deep.column, 33);
  assert.match(deep.message, /nests too deeply/);
  assert.match(syntaxError(`${'!'.repeat(40)}a`).message, /nests too deeply/);
  const list = (n: number) => `a in [${Array.from({ length: n }, (_, i) => i).join(',')}]`;
  assert.doesNotThrow(() => parse(list(100)));
  assert.match(syntaxError(list(101)).message, /at most 100 items/);
  // long flat chains are fine (no recursion per item)
  assert.doesNotThrow(() => parse(Array.from({ length: 300 }, () => 'a').join('&&')));
});

test('random garbage and mutated expressions never throw anything but ExprError', () => {
  const alphabet = ['a', 'b', 'x.y', ' ', '"', '\\', '(', ')', '[', ']', ',', '=', '!', '<', '>', '&', '|', '1', '.', '-', 'in', 'true', 'null', '\u{1F600}', '\u0000', "'", '==', '&&', '||'];
  let seed = 12345;
  const rand = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const atom = () => ['a', 'b', '"s"', '3', 'true', 'null', '["x", 2]', 'custom.k'][rand(8)]!;
  const gen = (d: number): string => {
    switch (d > 3 ? 0 : rand(5)) {
      case 0: return `${atom()} ${['==', '!=', '<', '>=', 'in'][rand(5)]} ${atom()}`;
      case 1: return `!${gen(d + 1)}`;
      case 2: return `(${gen(d + 1)})`;
      case 3: return `${gen(d + 1)} && ${gen(d + 1)}`;
      default: return `${gen(d + 1)} || ${gen(d + 1)}`;
    }
  };
  let ok = 0;
  let bad = 0;
  for (let i = 0; i < 6000; i++) {
    let s = '';
    if (i % 2 === 0) {
      const len = rand(40);
      for (let j = 0; j < len; j++) s += alphabet[rand(alphabet.length)];
    } else {
      s = gen(0);
      // mutate a third of them: drop or insert a character
      if (i % 3 === 0 && s.length > 0) {
        const at = rand(s.length);
        s = rand(2) ? s.slice(0, at) + s.slice(at + 1) : s.slice(0, at) + alphabet[rand(alphabet.length)] + s.slice(at);
      }
    }
    try {
      parse(s);
      ok++;
    } catch (e) {
      assert.ok(e instanceof ExprError, `non-ExprError for ${JSON.stringify(s)}: ${String(e)}`);
      assert.ok(e.column >= 1 && e.column <= s.length + 1, `column ${e.column} out of range for ${JSON.stringify(s)}`);
      bad++;
    }
  }
  assert.ok(bad > 100 && ok > 100, `both outcomes occur (ok ${ok}, bad ${bad})`);
});
