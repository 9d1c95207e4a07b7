import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeLang, pickLanguage } from '../../web/widget/lib/language.ts';
import { linkify } from '../../web/widget/lib/linkify.ts';
import { API_BASE, MAX_TEXT, WS_PATH } from '../../web/widget/lib/constants.ts';
import { WIDGET_API_BASE, WIDGET_MAX_TEXT, WIDGET_WS_PATH } from '../../src/contracts/widget.ts';
import { createOutbox, memoryStorage, outboxKey } from '../../web/widget/lib/outbox.ts';

describe('widget language choice', () => {
  it('normalizes tags to the six', () => {
    assert.equal(normalizeLang('pl-PL'), 'pl');
    assert.equal(normalizeLang('cy_GB'), 'cy');
    assert.equal(normalizeLang('zh-TW'), 'zh-Hant');
    assert.equal(normalizeLang('zh-HK'), 'zh-Hant');
    assert.equal(normalizeLang('zh-Hant-TW'), 'zh-Hant');
    assert.equal(normalizeLang('zh-CN'), 'zh-Hans');
    assert.equal(normalizeLang('zh'), 'zh-Hans');
    assert.equal(normalizeLang('zh-Hans-HK'), 'zh-Hans');
    assert.equal(normalizeLang('de-DE'), null);
    assert.equal(normalizeLang(''), null);
    assert.equal(normalizeLang(null), null);
  });

  it('prefers data-lang, then <html lang>, then the browser, limited to what the inbox offers', () => {
    assert.equal(pickLanguage({ dataLang: 'cy', htmlLang: 'pl', browser: ['hi'] }), 'cy');
    assert.equal(pickLanguage({ dataLang: 'xx', htmlLang: 'pl-PL', browser: ['hi'] }), 'pl');
    assert.equal(pickLanguage({ htmlLang: 'de', browser: ['fr-FR', 'zh-TW', 'en'] }), 'zh-Hant');
    assert.equal(pickLanguage({ htmlLang: 'de', browser: ['fr'] }), 'en');
    assert.equal(pickLanguage({ htmlLang: 'hi', offered: ['en', 'pl'] }), 'en');
    assert.equal(pickLanguage({ htmlLang: 'de', offered: ['pl', 'cy'] }), 'pl', "the inbox's first when it has no English");
  });
});

describe('widget linkify', () => {
  it('splits links out of text, keeping punctuation as text', () => {
    assert.deepEqual(linkify('See https://example.com/a?b=1. Or www.shop.pl, thanks'), [
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: '. Or ' },
      { kind: 'link', text: 'www.shop.pl', href: 'https://www.shop.pl' },
      { kind: 'text', text: ', thanks' },
    ]);
    assert.deepEqual(linkify('(https://en.wikipedia.org/wiki/X_(y))'), [
      { kind: 'text', text: '(' },
      { kind: 'link', text: 'https://en.wikipedia.org/wiki/X_(y)', href: 'https://en.wikipedia.org/wiki/X_(y)' },
      { kind: 'text', text: ')' },
    ]);
  });

  it('never makes a link of other schemes or markup', () => {
    assert.deepEqual(linkify('javascript:alert(1) <img src=x onerror=alert(1)>'), [{ kind: 'text', text: 'javascript:alert(1) <img src=x onerror=alert(1)>' }]);
    const parts = linkify('go https://x.test/"><script>alert(1)</script>');
    assert.equal(parts[1]!.kind, 'link');
    assert.equal((parts[1] as { href: string }).href, 'https://x.test/');
    assert.deepEqual(linkify(''), []);
  });
});

describe('widget constants and outbox storage', () => {
  it('match the contract', () => {
    assert.equal(API_BASE, WIDGET_API_BASE);
    assert.equal(WS_PATH, WIDGET_WS_PATH);
    assert.equal(MAX_TEXT, WIDGET_MAX_TEXT);
  });

  it('an outbox survives garbage in storage and a storage that throws', () => {
    const s = memoryStorage();
    s.setItem(outboxKey('i'), '{not json');
    const o = createOutbox(s, 'i');
    assert.deepEqual(o.list(), []);
    s.setItem(outboxKey('i'), JSON.stringify([{ clientId: 'a', text: 't', at: 1 }, { nope: 1 }]));
    assert.deepEqual(o.list().map((p) => p.clientId), ['a']);
    const broken = createOutbox({ getItem: () => null, setItem: () => { throw new Error('quota'); }, removeItem: () => {} }, 'i');
    assert.doesNotThrow(() => broken.add({ clientId: 'x', text: 't', at: 1 }));
  });
});

describe('widget form checks', async () => {
  const { fieldError } = await import('../../web/widget/lib/validate.ts');
  const { translator } = await import('../../web/widget/i18n/index.ts');
  const t = translator('en');
  it('says what is wrong, in the visitor language', () => {
    assert.equal(fieldError('text', '  ', true, 'Name', t), 'Name is required.');
    assert.equal(fieldError('text', '', false, 'Name', t), null);
    assert.equal(fieldError('email', 'ewa@', true, 'Email', t), 'Enter a valid email address, like name@example.com.');
    assert.equal(fieldError('email', ' ewa@example.com ', true, 'Email', t), null);
    assert.equal(fieldError('tel', '+44 20 7946 0000', false, 'Phone', t), null);
    assert.match(fieldError('tel', 'call me', false, 'Phone', t)!, /phone number/);
    assert.equal(fieldError('text', 'x'.repeat(501), false, 'Name', t), 'Name is too long.');
    assert.equal(fieldError('text', '', true, 'Imię', translator('pl')), 'Pole Imię jest wymagane.');
  });
});
