import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, isSimpleText, normalizeTerm, normalizeUnicodeTerm, segmenterWords, words } from './analyze.ts';
import { documentVector, parseQuery } from './terms.ts';
import { findMatches, makeSnippet } from './snippet.ts';

const terms = (s: string) => analyze(s).map((t) => t.term);
const lexemes = (vector: string) => new Set([...vector.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'")));
/** What the tsquery asks for, as a set of lexemes (the SQL operators aside). */
const wanted = (q: string) => lexemes(parseQuery(q)!.tsquery);
/** Would PostgreSQL match? Every lexeme of the query is in the document (phrases are checked in the integration tests). */
const finds = (doc: string, q: string) => {
  const have = lexemes(documentVector('', doc));
  return [...wanted(q)].every((l) => have.has(l));
};

describe('search text analysis', () => {
  test('Chinese, Simplified and Traditional, is cut into words', () => {
    assert.deepEqual(terms('我想申请退款'), ['我想', '申请', '退款']);
    assert.deepEqual(terms('請問退貨政策'), ['請問', '退貨', '政策']);
    assert.ok(analyze('退款').every((t) => t.cjk));
  });

  test('Hindi keeps its combining marks inside the word', () => {
    assert.deepEqual(terms('मुझे रिफंड चाहिए'), ['मुझे', 'रिफंड', 'चाहिए']);
    assert.equal(normalizeTerm('चाहिए'), 'चाहिए', 'matras are not stripped like Latin accents');
  });

  test('Latin: lower-cased, NFKC, diacritics folded (Welsh and Polish)', () => {
    assert.deepEqual(terms('Dw i eisiau ad-daliad'), ['dw', 'i', 'eisiau', 'ad', 'daliad']);
    assert.deepEqual(terms('Zażółć GĘŚLĄ jaźń'), ['zazolc', 'gesla', 'jazn']);
    assert.deepEqual(terms('Mae’r tŷ yn hŷn'), ['mae’r', 'ty', 'yn', 'hyn']);
    assert.deepEqual(terms('Ｒｅｆｕｎｄ ﬁle'), ['refund', 'file']);
    assert.equal(normalizeTerm('İSTANBUL'), 'istanbul', 'lower-casing does not depend on a locale');
  });

  test('punctuation and spaces give no tokens; offsets point into the text', () => {
    assert.deepEqual(analyze('  ?!… —— ，。'), []);
    const [a, b] = analyze('Hi, 退款!');
    assert.deepEqual([a!.start, a!.end, b!.start, b!.end], [0, 2, 4, 6]);
  });

  test('the brief sentences are found by their word', () => {
    assert.ok(finds('我想申请退款', '退款'));
    assert.ok(finds('請問退貨政策', '退貨'));
    assert.ok(finds('मुझे रिफंड चाहिए', 'रिफंड'));
    assert.ok(finds('Dw i eisiau ad-daliad', 'ad-daliad'));
    assert.ok(finds('Zażółć gęślą jaźń', 'gęślą'));
    assert.ok(finds('Zażółć gęślą jaźń', 'gesla'));
    assert.ok(!finds('我想申请退款', '退货'));
    assert.ok(!finds('मुझे रिफंड चाहिए', 'पासवर्ड'));
  });

  test('CJK pairs find words the segmenter cut differently in the document', () => {
    // The segmenter reads 多少钱 as one word and 企业版 as 企业 + 版: queries for 多少, 业版 or
    // 想 would miss with words alone.
    assert.ok(terms('需要多少钱？').includes('多少钱'));
    assert.ok(finds('你好，我想把我们公司升级到企业版，需要多少钱？', '多少'));
    assert.ok(finds('你好，我想把我们公司升级到企业版，需要多少钱？', '企业版'));
    assert.ok(finds('我想申请退款', '想'));
    assert.ok(finds('我想申请退款', '申请退款'));
    assert.ok(finds('返品したいです', '返品'));
    assert.ok(!finds('我想申请退款', '退货'));
  });

  test('queries: all parts must match, split words form a phrase, empty means nothing to search', () => {
    assert.equal(parseQuery('refund invoice')!.tsquery, "'refund' & 'invoice'");
    assert.equal(parseQuery('ad-daliad')!.tsquery, "('ad' <-> 'daliad')");
    assert.equal(parseQuery('"double charge"')!.tsquery, "('double' <-> 'charge')");
    assert.equal(parseQuery("it's")!.tsquery, "'it''s'");
    assert.equal(parseQuery('企业版')!.tsquery, "'企业' & '业版'");
    assert.equal(parseQuery('退')!.tsquery, "'退'");
    assert.equal(parseQuery(''), null);
    assert.equal(parseQuery('  ?!  ... '), null);
    assert.equal(parseQuery('"" ""'), null);
  });

  test('document vectors weigh the title and escape quotes', () => {
    const v = documentVector("O'Brien", 'back\\slash refund');
    assert.match(v, /'o''brien':1A/);
    assert.match(v, /'back':3 'slash':4 'refund':5$/, 'a backslash separates words; body positions follow a gap after the title');
  });

  test('snippets mark the matched words by offsets, around the first match', () => {
    const q = parseQuery('refund')!;
    const s = makeSnippet('Hello. I would like a Refund for order 42, thanks.', q);
    assert.deepEqual(s.highlights.map((h) => s.text.slice(h.start, h.end)), ['Refund']);
    const long = `${'word '.repeat(100)}the refund is here ${'tail '.repeat(100)}`;
    const l = makeSnippet(long, q, 80);
    assert.ok(l.text.startsWith('…') && l.text.endsWith('…') && l.text.length <= 83);
    assert.deepEqual(l.highlights.map((h) => l.text.slice(h.start, h.end)), ['refund']);
    const zh = makeSnippet('你好，我想把我们公司升级到企业版，需要多少钱？', parseQuery('企业版')!);
    assert.deepEqual(zh.highlights.map((h) => zh.text.slice(h.start, h.end)), ['企业版']);
    const hi = makeSnippet('मुझे रिफंड चाहिए', parseQuery('रिफंड')!);
    assert.deepEqual(hi.highlights.map((h) => hi.text.slice(h.start, h.end)), ['रिफंड']);
    assert.deepEqual(findMatches('Dw i eisiau ad-daliad', parseQuery('ad-daliad')!).length, 2);
    assert.deepEqual(makeSnippet('no match here', q).highlights, []);
  });
});

test('the ASCII shortcut of normalizeTerm gives what the general path gives, for any printable ASCII word', () => {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const printable = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i));
  const words = ['Hello', 'ORDER-1234', "can't", 'e.g.', '3.14', 'ABC_def', 'ŁÓDŹ'.normalize('NFD').replace(/\p{M}/gu, '')];
  for (let i = 0; i < 5000; i++) words.push(Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => printable[Math.floor(rnd() * printable.length)]).join(''));
  for (const w of words) assert.equal(normalizeTerm(w), normalizeUnicodeTerm(w), JSON.stringify(w));
  // Outside plain ASCII the general path decides: diacritics folded, spaces and other scripts kept as before.
  assert.equal(normalizeTerm('Żółć'), 'zolc');
  assert.equal(normalizeTerm('ＡＢＣ'), 'abc');
  assert.equal(normalizeTerm('a b'), 'ab');
});

describe('word cutting without the segmenter (Latin text)', () => {
  const cut = (t: string) => [...words(t)].map((w) => ({ segment: w.segment, index: w.index }));
  // Every character the regular expression takes (the rest go to the segmenter).
  const simple: string[] = [];
  for (let c = 0; c <= 0xffff; c++) {
    const ch = String.fromCharCode(c);
    if (isSimpleText(ch)) simple.push(ch);
  }

  test('takes Latin letters, digits and common punctuation; leaves other scripts, marks, emoji and odd spaces to the segmenter', () => {
    for (const t of ['Dzień dobry, czy mogę zwrócić buty?', "Can't find order #1,234.50 (e.g. yesterday)", 'Ble mae’r siop? Ŵyr ẁ ỳ', 'a_b: 3;4 — “quoted” …']) assert.ok(isSimpleText(t), t);
    for (const t of ['我想申请退款', 'मुझे रिफंड चाहिए', 'café\u0301', 'thanks 👍', 'a\u00a0b', 'x · y', 'Привет', 'price 5 × 3', 'soft\u00adhyphen']) assert.ok(!isSimpleText(t), t);
    assert.ok(simple.length > 500 && simple.length < 600, `${simple.length} characters`);
  });

  test('cuts every character of its set, alone and between letters and digits, as Intl.Segmenter does', () => {
    for (const c of simple) {
      for (const t of [c, `${c}${c}`, `a${c}b`, `1${c}2`, `a${c}1`, `1${c}a`, `ż${c}ł`, `${c}a${c}`, `_${c}_`]) {
        assert.deepEqual(cut(t), segmenterWords(t), JSON.stringify(t));
      }
    }
  });

  test('cuts random text over the tricky characters as Intl.Segmenter does', () => {
    const alphabet = ['a', 'Z', 'ż', 'ł', 'é', 'ŵ', 'ẁ', 'ß', 'ÿ', '0', '7', ' ', '\n', '\t', ':', '.', ',', ';', "'", '‘', '’', '_', '-', '—', '…', '“', '”', '@', '/', '#', '$', '%', '!', '?', '(', '"'];
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 20_000; i++) {
      const n = 1 + Math.floor(random() * 24);
      let t = '';
      for (let k = 0; k < n; k++) t += alphabet[Math.floor(random() * alphabet.length)];
      assert.ok(isSimpleText(t));
      assert.deepEqual(cut(t), segmenterWords(t), JSON.stringify(t));
    }
    // The two paths give the same index: a Latin query finds a word in a text that took the segmenter.
    assert.ok(finds('Zamówienie nr 1,234.50 — can’t wait 😊', "can’t 1,234.50 zamowienie"));
  });
});
