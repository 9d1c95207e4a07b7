import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dictionaries, localized, translator } from '../../web/widget/i18n/index.ts';
import { en } from '../../web/widget/i18n/en.ts';
import { widgetLanguages } from '../../web/widget/lib/language.ts';
import { languages } from '../../src/contracts/common.ts';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]!).sort();

describe('widget i18n', () => {
  it('covers exactly the six languages of the contract', () => {
    assert.deepEqual([...widgetLanguages], [...languages]);
    assert.deepEqual(Object.keys(dictionaries).sort(), [...languages].sort());
  });

  for (const lang of widgetLanguages) {
    it(`${lang}: every key, non-empty, same placeholders as English`, () => {
      const dict = dictionaries[lang];
      assert.deepEqual(Object.keys(dict).sort(), Object.keys(en).sort());
      for (const [k, v] of Object.entries(dict)) {
        assert.ok(v.trim().length > 0, `${lang}.${k} is empty`);
        assert.deepEqual(placeholders(v), placeholders(en[k as keyof typeof en]), `${lang}.${k} placeholders`);
      }
    });
    if (lang !== 'en') {
      it(`${lang}: is translated (not English copied)`, () => {
        const same = Object.entries(dictionaries[lang]).filter(([k, v]) => v === en[k as keyof typeof en] && k !== 'emojiList');
        assert.ok(same.length <= 1, `${lang} has English text: ${same.map(([k]) => k).join(', ')}`);
      });
    }
  }

  it('the Chinese scripts differ where the characters differ', () => {
    assert.notEqual(dictionaries['zh-Hans'].closeChat, dictionaries['zh-Hant'].closeChat);
  });

  it('fills placeholders with plain text and leaves unknown ones', () => {
    const t = translator('pl');
    assert.equal(t('queuePosition', { position: 3 }), 'Jesteś 3. w kolejce.');
    assert.equal(t('chatWith', { name: '<b>Acme</b>' }), 'Czat z <b>Acme</b>');
    assert.equal(translator('en')('chatWith'), 'Chat with {name}');
  });

  it('picks server text in the language, then the fallbacks, then English', () => {
    assert.equal(localized({ en: 'Hi', pl: 'Cześć' }, 'pl'), 'Cześć');
    assert.equal(localized({ en: 'Hi', cy: 'Helo' }, 'pl', ['cy']), 'Helo');
    assert.equal(localized({ en: 'Hi', pl: ' ' }, 'pl'), 'Hi');
    assert.equal(localized({ hi: 'नमस्ते' }, 'pl'), undefined);
    assert.equal(localized(undefined, 'pl'), undefined);
  });
});
