import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestLanguage } from './lang.ts';

const langs = ['en', 'cy', 'pl', 'hi', 'zh-Hans', 'zh-Hant'];

test('Accept-Language picks the best of the site languages', () => {
  assert.equal(bestLanguage('cy-GB,cy;q=0.9,en;q=0.8', langs, 'en'), 'cy');
  assert.equal(bestLanguage('de-DE,pl;q=0.5,en;q=0.4', langs, 'en'), 'pl');
  assert.equal(bestLanguage('zh-TW,zh;q=0.9', langs, 'en'), 'zh-Hant');
  assert.equal(bestLanguage('zh-CN', langs, 'en'), 'zh-Hans');
  assert.equal(bestLanguage('en;q=0.1, hi;q=0.9', langs, 'en'), 'hi');
  assert.equal(bestLanguage('fr, de', langs, 'cy'), 'cy');
  assert.equal(bestLanguage(undefined, langs, 'pl'), 'pl');
  assert.equal(bestLanguage('pl;q=0', ['en', 'pl'], 'en'), 'en');
  assert.equal(bestLanguage(';;;,,,q=x', langs, 'en'), 'en');
});
