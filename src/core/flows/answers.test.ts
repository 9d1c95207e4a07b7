import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAnswer, parseDate, parseNumber, regexProblem, safeFullMatch } from './answers.ts';
import { evaluate, parseExpression } from './expression.ts';

describe('ask answers', () => {
  test('email', () => {
    assert.deepEqual(checkAnswer('email', ' Jan.Kowalski@Poczta.PL ', 'pl'), { ok: true, value: 'Jan.Kowalski@poczta.pl' });
    for (const bad of ['jan@', '@x.pl', 'jan kowalski@x.pl', 'jan@x', 'a@b.c', '']) assert.equal(checkAnswer('email', bad, 'en').ok, false, bad);
  });

  test('phone numbers with the language\'s country as default', () => {
    assert.deepEqual(checkAnswer('phone', '029 2034 5678', 'cy'), { ok: true, value: '+442920345678' });
    assert.deepEqual(checkAnswer('phone', '+48 601 234 567', 'en'), { ok: true, value: '+48601234567' });
    assert.deepEqual(checkAnswer('phone', '98765 43210', 'hi'), { ok: true, value: '+919876543210' });
    assert.deepEqual(checkAnswer('phone', '13812345678', 'zh-Hans'), { ok: true, value: '+8613812345678' });
    for (const bad of ['12345', 'call me', '+44 1', '0'.repeat(50)]) assert.equal(checkAnswer('phone', bad, 'en').ok, false, bad);
  });

  test('numbers in local formats', () => {
    assert.equal(parseNumber('42'), 42);
    assert.equal(parseNumber('-3.5'), -3.5);
    assert.equal(parseNumber('3,5'), 3.5);
    assert.equal(parseNumber('1 000'), 1000);
    assert.equal(parseNumber('1,000'), 1000);
    assert.equal(parseNumber('1.234,56'), 1234.56);
    assert.equal(parseNumber('1,234.56'), 1234.56);
    assert.equal(parseNumber('４２'), 42);
    for (const bad of ['', 'abc', '12abc', '--1', ',']) assert.equal(parseNumber(bad), null, bad);
  });

  test('dates: ISO, day-first and CJK, real calendar days only', () => {
    assert.equal(parseDate('2026-12-31'), '2026-12-31');
    assert.equal(parseDate('31/12/2026'), '2026-12-31');
    assert.equal(parseDate('1.2.2026'), '2026-02-01');
    assert.equal(parseDate('2026年1月5日'), '2026-01-05');
    assert.equal(parseDate('2024-02-29'), '2024-02-29');
    for (const bad of ['2026-02-29', '32/01/2026', '2026-13-01', 'tomorrow', '12/2026']) assert.equal(parseDate(bad), null, bad);
  });

  test('regex: safe patterns match the whole answer, unsafe ones are refused', () => {
    assert.equal(safeFullMatch('[A-Z]{2}\\d{4}', 'AB1234'), true);
    assert.equal(safeFullMatch('[A-Z]{2}\\d{4}', 'xAB1234'), false);
    assert.equal(safeFullMatch('\\p{L}+', 'Zażółć'), true);
    assert.match(regexProblem('(a+)+$')!, /nested quantifiers/);
    assert.match(regexProblem('(?:a|aa)*(b*)*')!, /nested/);
    assert.match(regexProblem('x'.repeat(201))!, /longer than 200/);
    assert.match(regexProblem('(')!, /not a valid/);
    assert.equal(regexProblem('[(+)]+'), null, 'quantifier characters inside a class are literal');
    assert.equal(regexProblem('(ab)+'), null);
    const t = Date.now();
    assert.equal(safeFullMatch('(a+)+$', 'a'.repeat(40) + '!'), false);
    assert.ok(Date.now() - t < 100);
    assert.equal(checkAnswer('regex', 'a'.repeat(1001), 'en', 'a+').ok, false, 'inputs over 1000 chars are refused');
  });

  test('text answers are trimmed; empty is refused', () => {
    assert.deepEqual(checkAnswer('text', '  hi  ', 'en'), { ok: true, value: 'hi' });
    assert.equal(checkAnswer('text', '   ', 'en').ok, false);
  });
});

describe('set expressions', () => {
  const vars: Record<string, number | string | null> = { n: 4, s: 'ab', z: 0 };
  const ev = (src: string) => evaluate(parseExpression(src), (k) => (k === 'customer.age' ? 30 : vars[k]));
  test('arithmetic, precedence, unary minus, text join', () => {
    assert.equal(ev('n + 1'), 5);
    assert.equal(ev('2 + n * 3'), 14);
    assert.equal(ev('(2 + n) * 3'), 18);
    assert.equal(ev('-n % 3'), -1);
    assert.equal(ev('customer.age / 2'), 15);
    assert.equal(ev('s + n'), 'ab4');
    assert.equal(ev('unset + 1'), 1);
    assert.equal(ev('n / z'), null);
  });
  test('anything else is refused', () => {
    for (const bad of ['', 'n +', 'alert(1)', 'n.constructor', '"x"', 'a b', '((1)']) assert.throws(() => parseExpression(bad), Error, bad);
  });
});
