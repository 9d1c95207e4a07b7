import { test } from 'node:test';
import assert from 'node:assert/strict';
import { localeFor } from '../web/src/lib/intl-locale.ts';

test('a UI language the Intl data lacks falls back to its users\' regional conventions; a known one stays', () => {
  const none = () => false;
  const all = () => true;
  assert.equal(localeFor('cy', none), 'en-GB');
  assert.equal(localeFor('cy-GB', none), 'en-GB');
  assert.equal(localeFor('CY', none), 'en-GB');
  assert.equal(localeFor('cy', all), 'cy');
  // No fallback known: the tag as is (Intl then uses its own default).
  assert.equal(localeFor('pl', none), 'pl');
  assert.equal(localeFor('zh-Hant', none), 'zh-Hant');
  assert.equal(localeFor('pl', all), 'pl');
});
