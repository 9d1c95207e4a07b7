import { helpCenterCssPath } from './css.ts';
import { html, jsonLd, type Html } from './html.ts';
import { languageName, stringsFor, type HcStrings } from './strings.ts';

/** Everything a page needs to know about the site it is on. */
export interface Site {
  tenantId: string;
  tenantName: string;
  /** URL prefix of the site: "/help/<workspace>" or "" on a custom domain. */
  base: string;
  /** Absolute origin for canonical and hreflang links, e.g. https://help.example.com. */
  origin: string;
  /** The languages the help center is offered in, the default first. */
  languages: string[];
  defaultLanguage: string;
  titles: Record<string, string>;
  themeColor: string;
  logoUrl: string | null;
  chatInboxId: string | null;
  workspace: string;
  contactForm: boolean;
}

export interface PageInput {
  site: Site;
  lang: string;
  /** The path after /<lang>, e.g. "/articles/<id>-slug" ("" for home). */
  path: string;
  title: string;
  description: string;
  /** Languages this same page exists in (hreflang alternates and the switcher). */
  alternates: string[];
  /** Path per alternate language when it differs (an article's slug differs by language). */
  alternatePaths?: Record<string, string>;
  ogType?: 'website' | 'article';
  structured?: unknown;
  crumbs?: { name: string; href?: string }[];
  main: Html;
  noindex?: boolean;
}

export const siteTitle = (site: Site, lang: string) => site.titles[lang] || site.titles[site.defaultLanguage] || `${site.tenantName} · ${stringsFor(lang).helpCenter}`;
export const href = (site: Site, lang: string, path = '') => `${site.base}/${encodeURIComponent(lang)}${path || '/'}`;
export const absolute = (site: Site, lang: string, path = '') => `${site.origin}${href(site, lang, path)}`;

/** A URL-safe slug of a title in any script (letters and digits kept, the rest dashes). */
export function slugify(title: string): string {
  return title.toLowerCase().normalize('NFKC').replace(/[^\p{L}\p{N}\p{M}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
}
export const articlePath = (id: string, title: string) => `/articles/${id}${slugify(title) ? `-${encodeURIComponent(slugify(title))}` : ''}`;
export const categoryPath = (id: string, name: string) => `/categories/${id}${slugify(name) ? `-${encodeURIComponent(slugify(name))}` : ''}`;

function searchForm(site: Site, lang: string, s: HcStrings, q = ''): Html {
  return html`<form class="search" role="search" action="${href(site, lang, '/search')}" method="get">
<label for="hc-q" class="hp">${s.searchLabel}</label>
<input id="hc-q" type="search" name="q" value="${q}" placeholder="${s.searchPlaceholder}" aria-label="${s.searchLabel}" maxlength="1000" autocomplete="off">
<button type="submit">${s.searchButton}</button>
</form>`;
}

/** The whole HTML document around a page's main content. */
export function layout(p: PageInput, o: { q?: string } = {}): string {
  const { site, lang } = p;
  const s = stringsFor(lang);
  const name = siteTitle(site, lang);
  const pathIn = (l: string) => p.alternatePaths?.[l] ?? p.path;
  const canonical = absolute(site, lang, p.path);
  const fullTitle = p.title === name ? name : `${p.title} · ${name}`;
  const crumbs = p.crumbs?.length
    ? html`<nav class="crumbs" aria-label="${s.breadcrumb}"><ol>${p.crumbs.map((c, i) => html`<li>${c.href && i < p.crumbs!.length - 1 ? html`<a href="${c.href}">${c.name}</a>` : html`<span aria-current="page">${c.name}</span>`}</li>`)}</ol></nav>`
    : null;
  const crumbLd = p.crumbs?.length
    ? { '@context': 'https://schema.org', '@type': 'BreadcrumbList', itemListElement: p.crumbs.map((c, i) => ({ '@type': 'ListItem', position: i + 1, name: c.name, ...(c.href ? { item: `${site.origin}${c.href}` } : {}) })) }
    : null;
  const doc = html`<!doctype html>
<html lang="${lang}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
<meta name="description" content="${p.description}">
${p.noindex ? html`<meta name="robots" content="noindex">` : null}
<link rel="canonical" href="${canonical}">
${p.alternates.map((l) => html`<link rel="alternate" hreflang="${l}" href="${absolute(site, l, pathIn(l))}">\n`)}
${p.alternates.includes(site.defaultLanguage) ? html`<link rel="alternate" hreflang="x-default" href="${absolute(site, site.defaultLanguage, pathIn(site.defaultLanguage))}">` : null}
<meta property="og:type" content="${p.ogType ?? 'website'}">
<meta property="og:title" content="${p.title}">
<meta property="og:description" content="${p.description}">
<meta property="og:url" content="${canonical}">
<meta property="og:site_name" content="${name}">
<meta property="og:locale" content="${lang.replace('-', '_')}">
${site.logoUrl ? html`<meta property="og:image" content="${site.logoUrl}">` : null}
<link rel="stylesheet" href="${helpCenterCssPath}">
<style>:root{--brand:${/^#[0-9a-fA-F]{6}$/.test(site.themeColor) ? site.themeColor : '#1d4ed8'}}</style>
${p.structured ? html`<script type="application/ld+json">${jsonLd(p.structured)}</script>` : null}
${crumbLd ? html`<script type="application/ld+json">${jsonLd(crumbLd)}</script>` : null}
</head>
<body>
<a class="skip" href="#main">${s.skip}</a>
<header class="site">
<a href="${href(site, lang)}">${site.logoUrl ? html`<img src="${site.logoUrl}" alt="">` : null}<span>${name}</span></a>
<nav aria-label="${s.language}"><ul class="langs">${site.languages.map((l) => {
    const has = p.alternates.includes(l);
    const target = has ? href(site, l, pathIn(l)) : href(site, l);
    return html`<li><a href="${target}" lang="${l}" hreflang="${l}"${l === lang ? html` aria-current="true"` : null}>${languageName(l)}</a></li>`;
  })}</ul></nav>
</header>
<div class="hero">${searchForm(site, lang, s, o.q)}</div>
<main id="main" tabindex="-1">
${crumbs}
${p.main}
</main>
<footer class="site">${site.contactForm ? html`<a href="${href(site, lang, '/contact')}">${s.contact}</a> · ` : null}<span>${site.tenantName}</span></footer>
${site.chatInboxId ? html`<script src="/widget.js" data-inbox="${site.chatInboxId}" data-workspace="${site.workspace}" data-lang="${lang}" async></script>` : null}
</body>
</html>
`;
  return doc.__html;
}
