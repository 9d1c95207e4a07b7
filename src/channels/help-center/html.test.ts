import { test } from 'node:test';
import assert from 'node:assert/strict';
import { html, jsonLd, trusted } from './html.ts';

test('html escapes every interpolation, nested templates and trusted text pass through', () => {
  const q = '"><script>alert(1)</script>';
  assert.equal(html`<input value="${q}">`.__html, '<input value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">');
  assert.equal(html`<ul>${['a&b', 'c'].map((x) => html`<li>${x}</li>`)}</ul>`.__html, '<ul><li>a&amp;b</li><li>c</li></ul>');
  assert.equal(html`${null}${undefined}${false}${0}`.__html, '0');
  assert.equal(html`${trusted('<b>x</b>')}`.__html, '<b>x</b>');
  assert.equal(html`'${"it's"}'`.__html, "'it&#39;s'");
});

test('jsonLd cannot close its script element', () => {
  assert.ok(!jsonLd({ name: '</script><script>x' }).__html.includes('</script>'));
});
