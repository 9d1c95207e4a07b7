import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as OpenCC from 'opencc-js';
import { detectSentimentLanguage, isSharpDrop, scoreSentiment, sentimentLabel, sentimentTrend } from './index.ts';
import { welshMutations } from './compile.ts';

const s = (text: string, lang?: string) => scoreSentiment(text, lang).score;

test('scores lie in −1..1, empty and neutral text score 0 with no hits', () => {
  assert.deepEqual(scoreSentiment('', 'en'), { score: 0, language: 'en', hits: 0 });
  assert.deepEqual(scoreSentiment('What time do you open on Saturday?', 'en'), { score: 0, language: 'en', hits: 0 });
  const huge = 'great amazing wonderful '.repeat(200);
  assert.ok(s(huge, 'en') <= 1 && s(huge, 'en') > 0.95);
  assert.ok(s('terrible awful horrible '.repeat(200), 'en') >= -1);
});

test('negation flips and dampens within its scope, and stops at a clause break', () => {
  assert.ok(s('The fix is good', 'en') > 0.1);
  assert.ok(s('The fix is not good', 'en') < -0.1);
  assert.ok(s('not bad at all', 'en') > 0.1, 'not bad is mildly positive');
  assert.ok(Math.abs(s('not bad', 'en')) < Math.abs(s('bad', 'en')), 'negation dampens');
  assert.ok(s('No, the fix is good', 'en') > 0.1, 'a comma ends the negation');
  assert.ok(s('I never said it was not really very good at all', 'en') < 0, 'scope reaches a few tokens');
  assert.ok(s('Dydw i ddim yn hapus', 'cy') < -0.1);
  assert.ok(s('Nie jestem zadowolony', 'pl') < -0.1);
  assert.ok(s('Jestem niezadowolony', 'pl') < -0.1, 'Polish nie- prefix');
  assert.ok(s('मैं खुश नहीं हूँ', 'hi') < -0.1, 'Hindi negator after the word');
  assert.ok(s('Main khush nahi hoon', 'hi') < -0.1, 'romanised Hindi');
  assert.ok(s('我很不满意', 'zh-Hans') < -0.1);
  assert.ok(s('我很滿意', 'zh-Hant') > 0.1);
  assert.ok(s('还不错', 'zh-Hans') > 0.1, '不错 is one word, not 不 + 错');
});

test('intensifiers raise and diminishers lower a word, a word-booster boosts the next word', () => {
  assert.ok(s('very good', 'en') > s('good', 'en'));
  assert.ok(s('slightly annoying', 'en') > s('annoying', 'en'));
  assert.ok(s('bardzo dobrze', 'pl') > s('dobrze', 'pl'));
  assert.ok(s('da iawn', 'cy') > s('da', 'cy'), 'Welsh iawn boosts the word before it');
  assert.ok(s('बहुत खराब', 'hi') < s('खराब', 'hi'));
  assert.ok(s('非常好', 'zh-Hans') > s('好', 'zh-Hans'));
  assert.ok(s('super helpful', 'en') > s('helpful', 'en') && s('super helpful', 'en') < s('super helpful helpful', 'en'));
});

test('but-clauses, exclamation marks, capitals, emoji and emoticons', () => {
  assert.ok(s('The agent was nice but the product is terrible', 'en') < -0.1);
  assert.ok(s('The wait was annoying but the agent was brilliant', 'en') > 0.1);
  assert.ok(s('Great!!!', 'en') > s('Great', 'en'));
  assert.ok(s('This is AWFUL service', 'en') < s('This is awful service', 'en'));
  assert.ok(s('Parcel arrived 😊', 'en') > 0.1);
  assert.ok(s('Parcel arrived 😡', 'en') < -0.1);
  assert.ok(s('still waiting :(', 'en') < -0.1);
  assert.ok(s('dzięki :)', 'pl') > s('dzięki', 'pl'));
  assert.equal(s('see https://example.com/help', 'en'), 0, 'a URL is not an emoticon');
});

test('Welsh mutations and Polish inflection match their lexicon entries', () => {
  assert.deepEqual(welshMutations('da'), ['dd' + 'a', 'na']);
  assert.ok(s("Mae'n dda", 'cy') > 0.1, 'da → dda');
  assert.ok(s('Roedd e mor wych', 'cy') > 0.1, 'gwych → wych');
  assert.ok(s("Mae'r ansawdd yn wael", 'cy') < -0.1, 'gwael → wael');
  assert.ok(s('Anfonwch y bil, os gwelwch yn dda', 'cy') === 0, '"please" is not "good"');
  for (const w of ['zadowolony', 'zadowolona', 'zadowoleni']) assert.ok(s(`Jestem ${w}`, 'pl') > 0.1, w);
  for (const w of ['rozczarowany', 'rozczarowana', 'rozczarowujące']) assert.ok(s(w, 'pl') < -0.1, w);
  assert.ok(s('dziekuje bardzo', 'pl') > 0.1, 'without diacritics');
});

test('every language: a clear positive, negative and neutral message', () => {
  const cases: [string, string, 'positive' | 'negative' | 'neutral'][] = [
    ['en', 'Thanks, you were brilliant', 'positive'], ['en', 'Worst service ever', 'negative'], ['en', 'Where is my parcel?', 'neutral'],
    ['cy', 'Diolch, gwasanaeth gwych', 'positive'], ['cy', 'Gwasanaeth ofnadwy', 'negative'], ['cy', 'Ble mae fy mharsel?', 'neutral'],
    ['pl', 'Dziękuję, świetna obsługa', 'positive'], ['pl', 'Fatalna obsługa', 'negative'], ['pl', 'Gdzie jest moja paczka?', 'neutral'],
    ['hi', 'धन्यवाद, शानदार सेवा', 'positive'], ['hi', 'बहुत घटिया सेवा', 'negative'], ['hi', 'मेरा पार्सल कहाँ है?', 'neutral'],
    ['zh-Hans', '谢谢，服务很好', 'positive'], ['zh-Hans', '服务太差了', 'negative'], ['zh-Hans', '我的包裹在哪里？', 'neutral'],
    ['zh-Hant', '謝謝，服務很好', 'positive'], ['zh-Hant', '服務太差了', 'negative'], ['zh-Hant', '我的包裹在哪裡？', 'neutral'],
  ];
  for (const [lang, text, label] of cases) assert.equal(sentimentLabel(s(text, lang)), label, `${lang}: ${text}`);
});

test('language: given tags are mapped, otherwise detected by script and function words', () => {
  assert.equal(scoreSentiment('good', 'en-GB').language, 'en');
  assert.equal(scoreSentiment('好', 'zh-TW').language, 'zh-Hant');
  assert.equal(scoreSentiment('好', 'zh-CN').language, 'zh-Hans');
  assert.equal(scoreSentiment('dobrze', 'xx').language, detectSentimentLanguage('dobrze'));
  assert.equal(detectSentimentLanguage('服務太差了'), 'zh-Hant');
  assert.equal(detectSentimentLanguage('服务太差了'), 'zh-Hans');
  assert.equal(detectSentimentLanguage('बहुत घटिया सेवा'), 'hi');
  assert.equal(detectSentimentLanguage("Dw i'n hapus iawn gyda'r gwasanaeth"), 'cy');
  assert.equal(detectSentimentLanguage('Jestem bardzo zadowolona z obsługi'), 'pl');
  assert.equal(detectSentimentLanguage('The parcel arrived late and damaged'), 'en');
  assert.equal(detectSentimentLanguage('Mera order abhi tak nahi aaya'), 'hi');
});

test('the Traditional-only characters used for detection all differ from their Simplified forms', async () => {
  const toS = OpenCC.Converter({ from: 't', to: 'cn' });
  const src = (await import('node:fs')).readFileSync(new URL('./detect.ts', import.meta.url), 'utf8');
  const chars = [...src.match(/new Set\(\s*'([^']+)'/u)![1]!];
  assert.ok(chars.length > 100);
  for (const c of chars) assert.notEqual(toS(c), c, c);
});

test('trend: means, last third, slope and drop; sharp drop needs size, depth and enough messages', () => {
  const pts = (xs: number[]) => xs.map((score, i) => ({ at: 1000 * i, score }));
  assert.deepEqual(sentimentTrend([]), { count: 0, mean: 0, lastThirdMean: 0, earlierMean: 0, slope: 0, drop: 0 });
  const t = sentimentTrend(pts([0.5, 0.4, 0.3, 0.2, -0.6, -0.6]));
  assert.equal(t.count, 6);
  assert.equal(t.lastThirdMean, -0.6);
  assert.equal(t.earlierMean, 0.35);
  assert.equal(t.drop, 0.95);
  assert.ok(t.slope < 0);
  assert.equal(sentimentTrend(pts([0.6, -0.6, 0])).lastThirdMean, 0, 'order by time, not input order');
  assert.equal(sentimentTrend([{ at: 2, score: -0.5 }, { at: 1, score: 0.5 }]).lastThirdMean, -0.5);
  assert.ok(isSharpDrop(pts([0.5, 0.4, 0.3, 0.2, -0.6, -0.6])));
  assert.ok(!isSharpDrop(pts([0.5, -0.6])), 'too few messages');
  assert.ok(!isSharpDrop(pts([0.9, 0.9, 0.2])), 'fell, but the mood is not bad');
  assert.ok(!isSharpDrop(pts([-0.5, -0.5, -0.6])), 'bad all along is not a drop');
  assert.ok(isSharpDrop(pts([0.9, 0.9, 0.2]), { ceiling: 0.5 }), 'options override defaults');
});
