import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isClearlyNegative } from './sentiment-lite.ts';

describe('isClearlyNegative', () => {
  const negative: [string, string][] = [
    ['en', 'This is useless, terrible service'],
    ['en', 'worst shop ever'],
    ['en', 'I am angry and disappointed'],
    ['cy', "Mae hyn yn ofnadwy ac yn ddiwerth"],
    ['cy', 'gwasanaeth gwarthus'],
    ['pl', 'To jest beznadziejne, okropna obsługa'],
    ['pl', 'jestem bardzo rozczarowany i zdenerwowany'],
    ['hi', 'यह बिल्कुल बेकार और घटिया सेवा है'],
    ['hi', 'बहुत बुरा अनुभव'],
    ['zh-Hans', '太差了，简直是垃圾服务'],
    ['zh-Hant', '太差了，根本是垃圾服務'],
    ['zh-Hans', '浪费时间'],
  ];
  for (const [lang, text] of negative) {
    test(`negative (${lang}): ${text}`, () => assert.equal(isClearlyNegative(text, lang), true));
  }

  const notNegative: [string, string][] = [
    ['en', 'not bad at all, thanks'],
    ['en', 'What time do you open?'],
    ['en', 'It is a bit slow'],
    ['cy', 'Diolch yn fawr'],
    ['cy', "Dyw e ddim yn ofnadwy"],
    ['pl', 'nie jest źle'],
    ['pl', 'Ile kosztuje dostawa w złotych?'],
    ['hi', 'बुरा नहीं है'],
    ['hi', 'धन्यवाद'],
    ['zh-Hans', '不差，谢谢'],
    ['zh-Hans', '你们几点开门？'],
    ['zh-Hant', '還不錯'],
    ['en', ''],
  ];
  for (const [lang, text] of notNegative) {
    test(`not negative (${lang}): ${text || '(empty)'}`, () => assert.equal(isClearlyNegative(text, lang), false));
  }

  test('one mild word is not enough; shouting makes it clear', () => {
    assert.equal(isClearlyNegative('I am disappointed', 'en'), false);
    assert.equal(isClearlyNegative('I am DISAPPOINTED, VERY!!', 'en'), true);
  });

  test('English is understood in another language session', () => {
    assert.equal(isClearlyNegative('this is terrible', 'pl'), true);
  });
});
