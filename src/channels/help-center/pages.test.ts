import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Site } from './layout.ts';
import { articlePage, contactPage, searchPage } from './pages.ts';

const site: Site = {
  tenantId: 't', tenantName: 'Shop <b>&</b>', base: '/help/shop', origin: 'https://example.com', languages: ['en', 'cy'], defaultLanguage: 'en',
  titles: { en: 'Help "quoted"' }, themeColor: '#123456', logoUrl: null, chatInboxId: null, workspace: 'shop', contactForm: true,
};
const id = '01a2420c-1f63-7138-a633-5e77ed6d0ea9';

test('article page: titles are text (escaped everywhere), the body is the sanitized HTML as is', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  const html = articlePage(site, 'en', {
    article: { id, categoryId: null, relatedIds: [], language: 'en', title: '<img src=x onerror=alert(1)>', body: '<p>Hello <strong>there</strong></p>', publishedAt: now, updatedAt: now, helpfulYes: 0, helpfulNo: 0 },
    category: undefined, related: [], languages: [{ language: 'en', path: `/articles/${id}` }, { language: 'cy', path: `/articles/${id}-helo` }], voted: false,
  });
  assert.ok(!html.includes('<img src=x'), 'title escaped');
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(html.includes('<p>Hello <strong>there</strong></p>'));
  assert.ok(html.includes(`<link rel="alternate" hreflang="cy" href="https://example.com/help/shop/cy/articles/${id}-helo">`));
  assert.ok(html.includes('hreflang="x-default"'));
  assert.ok(html.includes('Shop &lt;b&gt;&amp;&lt;/b&gt;'));
  assert.ok(!html.includes('<script src="/widget.js"'), 'no widget without a chat inbox');
  const ld = [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
  assert.equal(ld[0].headline, '<img src=x onerror=alert(1)>');
});

test('search and contact pages escape what the visitor typed', () => {
  const q = '</title><script>x()</script>';
  const s = searchPage(site, 'cy', q, []);
  assert.ok(!s.includes('<script>x()'));
  assert.ok(s.includes('Does dim erthyglau'));
  const c = contactPage(site, 'en', { token: 'tok', error: 'Bad <email>', values: { message: '</textarea><script>y()</script>' } });
  assert.ok(!c.includes('<script>y()'));
  assert.ok(c.includes('Bad &lt;email&gt;'));
  assert.ok(c.includes('name="website"'), 'honeypot field');
});
