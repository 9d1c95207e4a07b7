import type { PublicArticle, PublicArticleSummary } from '../../storage/help-center.repo.ts';
import type { KbCategoryRow } from '../../storage/kb-categories.repo.ts';
import { html, trusted } from './html.ts';
import { absolute, articlePath, categoryPath, href, layout, siteTitle, type Site } from './layout.ts';
import { stringsFor } from './strings.ts';

const catName = (c: KbCategoryRow, lang: string) => c.names[lang] || c.name;
const plain = (bodyHtml: string, max = 160) => {
  const text = bodyHtml.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
};
const list = (site: Site, lang: string, items: PublicArticleSummary[]) => html`<ul class="list">${items.map((a) => html`<li><a href="${href(site, lang, articlePath(a.id, a.title))}">${a.title}</a></li>`)}</ul>`;

export function homePage(site: Site, lang: string, categories: KbCategoryRow[], articles: PublicArticleSummary[]): string {
  const s = stringsFor(lang);
  const title = siteTitle(site, lang);
  const byCat = new Map<string | null, PublicArticleSummary[]>();
  for (const a of articles) byCat.set(a.categoryId, [...(byCat.get(a.categoryId) ?? []), a]);
  const known = new Set(categories.map((c) => c.id));
  const loose = articles.filter((a) => !a.categoryId || !known.has(a.categoryId));
  const main = html`<h1>${title}</h1>
<section aria-labelledby="hc-cats"><h2 id="hc-cats" class="hp">${s.categories}</h2><div class="cats">
${categories.filter((c) => byCat.get(c.id)?.length).map((c) => html`<section class="cat"><h2><a href="${href(site, lang, categoryPath(c.id, catName(c, lang)))}">${catName(c, lang)}</a></h2>${list(site, lang, byCat.get(c.id)!)}</section>`)}
${loose.length ? html`<section class="cat"><h2>${s.moreArticles}</h2>${list(site, lang, loose)}</section>` : null}
</div></section>`;
  return layout({ site, lang, path: '', title, description: `${title}: ${articles.slice(0, 5).map((a) => a.title).join(' · ')}`.slice(0, 300), alternates: site.languages, main, structured: { '@context': 'https://schema.org', '@type': 'WebSite', name: title, url: absolute(site, lang), potentialAction: { '@type': 'SearchAction', target: `${absolute(site, lang, '/search')}?q={q}`, 'query-input': 'required name=q' } } });
}

export function categoryPage(site: Site, lang: string, c: KbCategoryRow, articles: PublicArticleSummary[], languages: string[]): string {
  const s = stringsFor(lang);
  const name = catName(c, lang);
  const path = categoryPath(c.id, name);
  const alternatePaths = Object.fromEntries(languages.map((l) => [l, categoryPath(c.id, catName(c, l))]));
  const main = html`<h1>${name}</h1>${c.description ? html`<p>${c.description}</p>` : null}${list(site, lang, articles)}`;
  return layout({ site, lang, path, alternatePaths, title: name, description: (c.description || `${name}: ${articles.map((a) => a.title).join(' · ')}`).slice(0, 300), alternates: languages, main, crumbs: [{ name: s.home, href: href(site, lang) }, { name }] });
}

export interface ArticleView {
  article: PublicArticle;
  category: KbCategoryRow | undefined;
  related: PublicArticleSummary[];
  /** Other languages and the article's path in each. */
  languages: { language: string; path: string }[];
  voted: boolean;
}

export function articlePage(site: Site, lang: string, v: ArticleView): string {
  const s = stringsFor(lang);
  const a = v.article;
  const path = articlePath(a.id, a.title);
  const description = plain(a.body);
  const crumbs = [{ name: s.home, href: href(site, lang) }, ...(v.category ? [{ name: catName(v.category, lang), href: href(site, lang, categoryPath(v.category.id, catName(v.category, lang))) }] : []), { name: a.title }];
  const updated = a.updatedAt instanceof Date ? a.updatedAt : new Date(a.updatedAt);
  const vote = href(site, lang, `/articles/${a.id}/vote`);
  const main = html`<article lang="${lang}">
<h1>${a.title}</h1>
<p class="meta">${s.updated} <time datetime="${updated.toISOString()}">${new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(updated)}</time></p>
<div class="body">${trusted(a.body)}</div>
</article>
<section class="feedback" id="helpful" aria-labelledby="hc-helpful">
${v.voted ? html`<p id="hc-helpful" role="status">${s.thanks}</p>` : html`<h2 id="hc-helpful" class="fb-title">${s.helpful}</h2>
<form method="post" action="${vote}"><input type="hidden" name="helpful" value="yes"><button type="submit" class="secondary">${s.yes}</button></form>
<form method="post" action="${vote}"><input type="hidden" name="helpful" value="no"><button type="submit" class="secondary">${s.no}</button></form>`}
</section>
${site.chatInboxId ? html`<script src="/hc-journey.js" data-inbox="${site.chatInboxId}" data-article="${a.id}" data-lang="${lang}" defer></script>` : null}
${v.related.length ? html`<section aria-labelledby="hc-related"><h2 id="hc-related">${s.related}</h2>${list(site, lang, v.related)}</section>` : null}`;
  return layout({
    site, lang, path, title: a.title, description, ogType: 'article', crumbs, main,
    alternates: v.languages.map((l) => l.language),
    alternatePaths: Object.fromEntries(v.languages.map((l) => [l.language, l.path])),
    structured: { '@context': 'https://schema.org', '@type': 'Article', headline: a.title, description, inLanguage: lang, dateModified: updated.toISOString(), ...(a.publishedAt ? { datePublished: new Date(a.publishedAt).toISOString() } : {}), mainEntityOfPage: absolute(site, lang, path), publisher: { '@type': 'Organization', name: site.tenantName, ...(site.logoUrl ? { logo: site.logoUrl } : {}) } },
  });
}

export interface SearchHit {
  articleId: string;
  language: string;
  title: string;
  snippet: string;
}

export function searchPage(site: Site, lang: string, q: string, hits: SearchHit[]): string {
  const s = stringsFor(lang);
  const shown = q.length > 120 ? `${q.slice(0, 120)}…` : q;
  const heading = q ? s.resultsFor.replace('{q}', shown) : s.searchButton;
  const main = html`<h1>${heading}</h1>
${!q ? html`<p>${s.emptyQuery}</p>` : hits.length === 0 ? html`<p role="status">${s.noResults}</p>` : html`<ol class="results">${hits.map((h) => html`<li lang="${h.language}"><a href="${href(site, h.language, articlePath(h.articleId, h.title))}">${h.title}</a><p>${h.snippet}</p></li>`)}</ol>`}`;
  return layout({ site, lang, path: '/search', title: heading, description: heading, alternates: site.languages, main, noindex: true, crumbs: [{ name: s.home, href: href(site, lang) }, { name: s.searchButton }] }, { q });
}

export interface ContactView {
  token: string;
  sent?: boolean;
  error?: string;
  values?: { name?: string; email?: string; subject?: string; message?: string };
}

export function contactPage(site: Site, lang: string, v: ContactView): string {
  const s = stringsFor(lang);
  const f = v.values ?? {};
  const main = html`<h1>${s.contact}</h1>
${v.sent ? html`<p class="notice" role="status">${s.sent}</p>` : html`<p>${s.contactIntro}</p>
${v.error ? html`<p class="error" role="alert" id="hc-error">${v.error}</p>` : null}
<form method="post" action="${href(site, lang, '/contact')}"${v.error ? html` aria-describedby="hc-error"` : null}>
<input type="hidden" name="token" value="${v.token}">
<div class="hp" aria-hidden="true"><label for="hc-website">Website</label><input type="text" id="hc-website" name="website" tabindex="-1" autocomplete="off"></div>
<label for="hc-name">${s.name}</label><input type="text" id="hc-name" name="name" maxlength="200" autocomplete="name" value="${f.name ?? ''}">
<label for="hc-email">${s.email}</label><input type="email" id="hc-email" name="email" maxlength="320" required autocomplete="email" value="${f.email ?? ''}">
<label for="hc-subject">${s.subject}</label><input type="text" id="hc-subject" name="subject" maxlength="200" value="${f.subject ?? ''}">
<label for="hc-message">${s.message}</label><textarea id="hc-message" name="message" rows="8" maxlength="5000" required>${f.message ?? ''}</textarea>
<p><button type="submit">${s.send}</button></p>
</form>`}`;
  return layout({ site, lang, path: '/contact', title: s.contact, description: s.contactIntro, alternates: site.languages, main, crumbs: [{ name: s.home, href: href(site, lang) }, { name: s.contact }] });
}

export function notFoundPage(site: Site, lang: string): string {
  const s = stringsFor(lang);
  const main = html`<h1>${s.notFound}</h1><p>${s.notFoundText}</p><p><a href="${href(site, lang)}">${s.home}</a></p>`;
  return layout({ site, lang, path: '/404', title: s.notFound, description: s.notFoundText, alternates: [], main, noindex: true });
}
