import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildIntentModel, classify, foldChinese, type IntentDef } from './intents.ts';

const INTENTS: IntentDef[] = [
  { name: 'opening_hours', examples: [
    'What are your opening hours?', 'When do you open?', 'What time do you close today?',
    'Beth yw eich oriau agor?', "Pryd ydych chi'n agor?", 'Faint o’r gloch dych chi’n cau?',
    'Jakie są godziny otwarcia?', 'O której otwieracie sklep?', 'Do której jest otwarte?',
    'आपका स्टोर कब खुलता है?', 'खुलने का समय क्या है?',
    '你们几点开门？', '营业时间是什么时候？', '你們幾點關門？',
  ] },
  { name: 'returns', examples: [
    'I want to return my order', 'How do I get a refund?', 'Can I send this back?',
    'Rwyf am ddychwelyd fy archeb', 'Sut mae cael ad-daliad?',
    'Chcę zwrócić zamówienie', 'Jak uzyskać zwrot pieniędzy?',
    'मुझे अपना ऑर्डर वापस करना है', 'रिफंड कैसे मिलेगा?',
    '我想退货', '怎么申请退款？', '我要退款',
  ] },
  { name: 'delivery', examples: [
    'Where is my parcel?', 'When will my order arrive?', 'How long does delivery take?',
    'Ble mae fy mharsel?', 'Pryd fydd fy archeb yn cyrraedd?',
    'Gdzie jest moja paczka?', 'Kiedy dotrze przesyłka?', 'Ile trwa dostawa?',
    'मेरा पार्सल कहाँ है?', 'डिलीवरी में कितना समय लगेगा?',
    '我的包裹在哪里？', '快递什么时候到？', '配送需要多久？',
  ] },
  { name: 'payment', examples: [
    'Can I pay by card?', 'Which payment methods do you accept?', 'My payment failed',
    'Alla i dalu gyda cherdyn?', 'Sut alla i dalu?',
    'Czy mogę zapłacić kartą?', 'Jakie są metody płatności?', 'Płatność nie przeszła',
    'क्या मैं कार्ड से भुगतान कर सकता हूँ?', 'भुगतान के तरीके क्या हैं?',
    '可以用信用卡付款吗？', '支付失败了', '有哪些付款方式？',
  ] },
];

const model = buildIntentModel(INTENTS);

describe('intent classifier', () => {
  const cases: [string, string][] = [
    ['what time do you open on saturday', 'opening_hours'],
    ['opening hours please', 'opening_hours'],
    ['Pryd ydych chi ar agor?', 'opening_hours'],
    ['godziny otwarcia w sobotę', 'opening_hours'],
    ['营业时间', 'opening_hours'],
    ['營業時間是幾點', 'opening_hours'],
    ['i would like a refund', 'returns'],
    ['zwrot zamówienia', 'returns'],
    ['我要申請退款', 'returns'],
    ['रिफंड चाहिए', 'returns'],
    ['where is my parcell', 'delivery'],
    ['Gdzie moja paczka', 'delivery'],
    ['我的快递在哪', 'delivery'],
    ['पार्सल कहाँ है', 'delivery'],
    ['do you accept card payment', 'payment'],
    ['płatność kartą', 'payment'],
    ['付款方式', 'payment'],
    ['talu gyda cherdyn', 'payment'],
    ['refund', 'returns'],
    ['我想要退款', 'returns'],
    ['भुगतान कैसे करें', 'payment'],
  ];
  for (const [text, intent] of cases) {
    test(`${text} → ${intent}`, () => {
      const r = classify(model, text);
      assert.equal(r.intent, intent, JSON.stringify(r.ranking.slice(0, 2)));
      assert.ok(r.confidence >= 0.3 && r.confidence <= 1);
    });
  }

  test('unrelated or empty text is under the threshold', () => {
    for (const text of ['the weather is lovely', 'xyzzy', '', '🙂', 'is', 'my', 'please', 'नमस्ते', '你好', '我要']) {
      const r = classify(model, text);
      assert.equal(r.intent, null, `${text}: ${JSON.stringify(r.ranking[0])}`);
    }
  });

  test('threshold is respected and the ranking is ordered', () => {
    const r = classify(model, 'refund', 0.99);
    assert.equal(r.intent, null);
    assert.equal(r.ranking[0]?.intent, 'returns');
    assert.ok(r.ranking.every((x, i, a) => i === 0 || a[i - 1]!.score >= x.score));
  });

  test('Traditional Chinese folds to Simplified; a model with no intents answers nothing', () => {
    assert.equal(foldChinese('營業時間'), '营业时间');
    assert.equal(classify(buildIntentModel([]), 'refund').intent, null);
  });
});
