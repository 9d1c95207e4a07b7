import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commentThemes, contentWords, extractThemes, topThemes } from './themes.ts';

test('English: stopwords go, content words and adjacent pairs stay', () => {
  const t = extractThemes('The delivery was late and the refund process is slow!', 'en');
  assert.ok(t.includes('delivery'));
  assert.ok(t.includes('late'));
  assert.ok(t.includes('refund process'));
  assert.ok(t.includes('process slow') === false, 'a stopword between two words breaks the pair');
  for (const w of ['the', 'was', 'and', 'is']) assert.ok(!t.includes(w), w);
});

test('Polish and Welsh stopwords; numbers and very short words are not themes', () => {
  const pl = extractThemes('Dostawa była bardzo wolna, ale obsługa klienta super 123', 'pl');
  assert.ok(pl.includes('dostawa'));
  assert.ok(pl.includes('obsługa klienta'));
  assert.ok(!pl.includes('bardzo') && !pl.includes('ale') && !pl.includes('123'));
  const cy = extractThemes('Roedd y gwasanaeth yn ardderchog', 'cy');
  assert.ok(cy.includes('gwasanaeth'));
  assert.ok(!cy.includes('roedd') && !cy.includes('yn'));
});

test('Chinese is segmented into words with Intl.Segmenter, not one long string', () => {
  const words = contentWords('快递速度太慢了，客服态度很好', 'zh-Hans').filter((w): w is string => !!w);
  assert.ok(words.length >= 2, words.join('|'));
  assert.ok(words.every((w) => w.length < 8));
  assert.ok(!words.includes('了') && !words.includes('很'));
  assert.ok(words.includes('快递') && words.includes('态度'), words.join('|'));
});

test('a comment’s themes add the conversation’s tags; the most frequent themes come first', () => {
  const a = commentThemes('Refund took forever', 'en', ['Billing']);
  assert.ok(a.includes('billing') && a.includes('refund'));
  const top = topThemes([['refund', 'billing'], ['refund'], ['delivery', 'refund'], ['delivery']], 2);
  assert.deepEqual(top, [{ theme: 'refund', count: 3 }, { theme: 'delivery', count: 2 }]);
  assert.deepEqual(topThemes([['x', 'x']]), [{ theme: 'x', count: 1 }], 'a comment counts once per theme');
});
