import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectLanguage } from './language.ts';
import { analyzeKb, foldChinese, looksTraditional } from './text.ts';
import { stem, welshRadicals } from './stem.ts';
import { analyzeQuery, analyzeSynonyms, buildTsquery, synonymExpansions } from './query.ts';
import { makeSnippet } from './snippet.ts';
import { indexRow } from './documents.ts';
import { cleanSynonymTerms } from './service.ts';

const six = ['en', 'cy', 'pl', 'hi', 'zh-Hans', 'zh-Hant'];

test('language detection: script first, franc-all among the tenant languages, UI language for short queries', () => {
  assert.equal(detectLanguage("pryd dych chi'n agor", six, 'en'), 'cy');
  assert.equal(detectLanguage('jak mogę zresetować hasło do konta', six, 'en'), 'pl');
  assert.equal(detectLanguage('how do I reset my password', six, 'cy'), 'en');
  assert.equal(detectLanguage('पासवर्ड कैसे बदलें', six, 'en'), 'hi');
  assert.equal(detectLanguage('忘記密碼', six, 'en'), 'zh-Hant');
  assert.equal(detectLanguage('忘记密码', six, 'en'), 'zh-Hans');
  assert.equal(detectLanguage('密码', six, 'zh-Hant'), 'zh-Hant', 'characters the same in both scripts: the UI script');
  assert.equal(detectLanguage('hasło', six, 'pl'), 'pl', 'short: the UI language');
  assert.equal(detectLanguage('reset', six, 'cy'), 'cy');
  assert.notEqual(detectLanguage("pryd dych chi'n agor", ['en', 'pl'], 'en'), 'cy', 'Welsh is not a candidate for this tenant');
  assert.equal(detectLanguage('', six, 'hi'), 'hi');
  assert.equal(detectLanguage('!!! ??? ...', six, 'xx'), 'en');
});

test('Chinese folding: Traditional to Simplified, regional variants together', () => {
  assert.equal(foldChinese('營業時間'), '营业时间');
  assert.equal(foldChinese('帳戶'), foldChinese('账户'));
  assert.equal(foldChinese('hello'), 'hello');
  assert.ok(looksTraditional('鎖定'));
  assert.ok(!looksTraditional('锁定'));
});

test('analysis: apostrophes split, diacritics and nukta folded, CJK runs kept', () => {
  const a = analyzeKb("Chi'n Hasło रिफ़ंड 重設密碼", 'cy');
  assert.deepEqual(a.words.map((w) => w.term), ['chi', 'n', 'haslo', 'रिफंड']);
  assert.deepEqual(a.cjk, [['重', '设', '密', '码']]);
});

test('stems and Welsh radicals', () => {
  assert.equal(stem('shipping', 'en'), stem('ship', 'en'));
  assert.equal(stem('changes', 'en'), stem('change', 'en'));
  assert.equal(stem('refunds', 'en'), 'refund');
  assert.equal(stem('zamowienia', 'pl'), 'zamowieni');
  assert.equal(stem('2fa', 'en'), '2fa');
  assert.ok(welshRadicals('nghyfrinair').includes('cyfrinair'));
  assert.ok(welshRadicals('mharsel').includes('parsel'));
  assert.ok(welshRadicals('wrthod').includes('gwrthod'));
  assert.ok(welshRadicals('fil').includes('bil') && welshRadicals('fil').includes('mil'));
});

test('queries: stop words dropped, prefixes where PostgreSQL has no stemmer, lexemes quoted', () => {
  const en = analyzeQuery('How do I reset my password?', 'en');
  assert.deepEqual(en.words.map((w) => w.term), ['reset', 'password']);
  assert.deepEqual(buildTsquery(en, [], new Map()), { any: "'reset' | 'password'", all: "'reset' & 'password'" });
  const pl = analyzeQuery('zamówienia', 'pl');
  assert.equal(buildTsquery(pl, [], new Map())?.any, "('zamowienia' | 'zamowieni' | 'zamowieni':*)");
  const odd = analyzeQuery("it's a ' \\ : * & | ! <-> (", 'en');
  const tsq = buildTsquery(odd, [], new Map());
  assert.ok(tsq === null || !/[&!<]/.test(tsq.any.replace(/'[^']*'/g, '')), String(tsq?.any));
  assert.equal(buildTsquery(analyzeQuery('?!', 'en'), [], new Map()), null);
  assert.deepEqual(buildTsquery(analyzeQuery('the', 'en'), [], new Map()), { any: "'the'", all: null }, 'only stop words: keep them');
  const zh = analyzeQuery('重設密碼', 'zh-Hant');
  assert.equal(buildTsquery(zh, [], new Map())?.any, "'重设' | '设密' | '密码'");
  const typo = analyzeQuery('pasword', 'en');
  assert.equal(buildTsquery(typo, [], new Map([['pasword', ['password']]]))?.any, "('pasword' | 'password')");
});

test('synonyms: a query holding any term of a group asks for the others (phrases for several words)', () => {
  const groups = analyzeSynonyms([['refund', 'money back'], ['优惠码', '折扣码'], ['unrelated', 'other']]);
  const q = analyzeQuery('I want my money back', 'en');
  assert.deepEqual(synonymExpansions(q, groups), [['refund']]);
  assert.equal(buildTsquery(analyzeQuery('refund', 'en'), synonymExpansions(analyzeQuery('refund', 'en'), groups), new Map())?.any, "'refund' | ('money' <-> 'back')");
  assert.deepEqual(synonymExpansions(analyzeQuery('折扣碼怎麼用', 'zh-Hant'), groups), [['优惠码']]);
  assert.deepEqual(synonymExpansions(analyzeQuery('优惠码', 'zh-Hans'), groups), [['折扣码']]);
});

test('snippets: around the first matching term, start of text otherwise', () => {
  const text = `${'Lorem ipsum dolor sit amet. '.repeat(20)}To reset your pässword click the link. ${'More text here. '.repeat(20)}`;
  const s = makeSnippet(text, ['password']);
  assert.match(s, /^…/);
  assert.match(s, /pässword/);
  assert.ok(s.length <= 200);
  assert.equal(makeSnippet('short text', ['x']), 'short text');
  assert.match(makeSnippet(text, ['absent']), /^Lorem/);
});

test('index rows: weighted vector literal, vocabulary, folded title', () => {
  const row = indexRow({ tenantId: 't', articleId: 'a', language: 'en', title: "Reset O'Brien's password", text: 'Click the link. '.repeat(3), tags: ['Login'], visibility: 'public', categoryId: null, helpful: { yes: 2.7, no: -1 }, views: 3, publishedAt: new Date(0) });
  assert.match(row.tokens, /'reset':1A/);
  assert.match(row.tokens, /'login':\d+B/);
  assert.match(row.tokens, /'o':2A/);
  assert.ok(row.vocabulary.includes('password') && row.vocabulary.includes('click'));
  assert.equal(row.helpfulYes, 2);
  assert.equal(row.helpfulNo, 0);
  assert.equal(row.titleFold, "reset o'brien's password login");
});

test('synonym terms: trimmed, folded duplicates dropped, at least two', () => {
  assert.deepEqual(cleanSynonymTerms([' Refund ', 'refund', 'money  back']), ['Refund', 'money back']);
  assert.throws(() => cleanSynonymTerms(['a', ' A ']), /at least two/);
  assert.throws(() => cleanSynonymTerms(['x'.repeat(81), 'y']), /at most 80/);
});

test('snippets: around the first query term, found through case, accents and Chinese scripts, early or late in a long text', () => {
  const filler = 'Lorem ipsum dolor sit amet consectetur. '.repeat(40);
  const early = makeSnippet(`Our ZAŻÓŁĆ policy starts here. ${filler}`, ['zazolc']);
  assert.match(early, /^Our ZAŻÓŁĆ policy/);
  const late = makeSnippet(`${filler}The Refund reaches your card in ten days. ${filler}`, ['refund']);
  assert.match(late, /^….{0,40}Refund reaches your card/);
  assert.ok(late.length <= 182 && late.endsWith('…'));
  const zh = makeSnippet(`${'說明文字'.repeat(60)}退貨政策在這裡。${'其他內容'.repeat(60)}`, ['退货']);
  assert.match(zh, /退貨政策/);
  assert.equal(makeSnippet(`${filler}nothing`, ['absent']).startsWith('Lorem'), true);
});
