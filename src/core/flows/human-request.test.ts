import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isHumanRequest, yesNo } from './human-request.ts';

describe('isHumanRequest', () => {
  const asks: Record<string, string[]> = {
    en: ['I want a human', 'Can I talk to someone please?', 'let me speak to a real person', 'AGENT', 'get me a representative', 'Operator!'],
    cy: ["Dw i eisiau siarad â pherson go iawn", "Ga i siarad gyda rhywun?", 'Asiant plîs', 'Dwi isio siarad efo person'],
    pl: ['Chcę rozmawiać z konsultantem', 'Poproszę człowieka', 'połącz mnie z żywą osobą', 'Chcę porozmawiać z kimś'],
    hi: ['मुझे किसी इंसान से बात करनी है', 'कृपया एजेंट से जोड़ें', 'मुझे असली व्यक्ति चाहिए', 'mujhe kisi se baat karni hai'],
    'zh-Hans': ['我要转人工', '人工客服', '我想和真人说话', '请帮我找人工'],
    'zh-Hant': ['我要轉人工', '請幫我轉接真人客服', '我想跟人說話', '找專員'],
  };
  for (const [lang, list] of Object.entries(asks)) {
    test(`asks for a person in ${lang}`, () => {
      for (const s of list) assert.equal(isHumanRequest(s), true, s);
    });
  }

  test('ordinary messages are not requests for a person', () => {
    for (const s of [
      'What time do you open?', 'Where is my order?', 'Pryd ydych chi\'n agor?', 'Gdzie jest moja paczka?', 'मेरा ऑर्डर कहाँ है?',
      '我的订单在哪里？', '人工智能可以帮我吗', '人工智慧', 'Was it a human error?', '', 'x'.repeat(3000),
    ]) assert.equal(isHumanRequest(s), false, s);
  });
});

describe('yesNo', () => {
  test('yes and no in six languages', () => {
    const yes = ['yes', 'Yes, thanks!', 'yep', 'Do', 'Ie, diolch', 'Tak', 'tak, dziękuję', 'हाँ', 'जी हाँ', '是的', '好的，谢谢', '對'];
    const no = ['no', 'No it did not', 'not really', 'Naddo', 'Nie', 'niestety nie', 'नहीं', 'जी नहीं', '没有', '不是', '沒有', '否'];
    for (const s of yes) assert.equal(yesNo(s), 'yes', s);
    for (const s of no) assert.equal(yesNo(s), 'no', s);
  });

  test('questions and longer texts are neither', () => {
    for (const s of ['What time do you open?', 'Do you deliver to Cardiff on Sundays or only weekdays', '你们几点开门？', 'refund', '']) {
      assert.equal(yesNo(s), null, s);
    }
  });
});
