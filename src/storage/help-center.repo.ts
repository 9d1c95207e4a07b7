import { sql } from 'kysely';
import type { Executor } from './executor.ts';

export interface HelpCenterSettingsRow {
  tenantId: string;
  enabled: boolean;
  titles: Record<string, string>;
  themeColor: string;
  logoUrl: string | null;
  defaultLanguage: string;
  chatInboxId: string | null;
  contactForm: boolean;
  formSecret: string;
  updatedAt: Date;
}
export type HelpCenterSettingsWrite = Omit<HelpCenterSettingsRow, 'tenantId' | 'formSecret' | 'updatedAt'>;

/** A published, public translation of an article (what a visitor may read). */
export interface PublicArticle {
  id: string;
  categoryId: string | null;
  relatedIds: string[];
  language: string;
  title: string;
  body: string;
  publishedAt: Date | null;
  updatedAt: Date;
  helpfulYes: number;
  helpfulNo: number;
}
export type PublicArticleSummary = Omit<PublicArticle, 'body' | 'relatedIds' | 'helpfulYes' | 'helpfulNo'>;

const sCols = ['tenant_id as tenantId', 'enabled', 'titles', 'theme_color as themeColor', 'logo_url as logoUrl', 'default_language as defaultLanguage', 'chat_inbox_id as chatInboxId', 'contact_form as contactForm', 'form_secret as formSecret', 'updated_at as updatedAt'] as const;
const summaryCols = ['a.id as id', 'a.category_id as categoryId', 't.language as language', 't.title as title', 't.published_at as publishedAt', 't.updated_at as updatedAt'] as const;

/** Help center settings, custom domains and the public read side of the knowledge base; scoped by tenant. */
export function helpCenterRepo(db: Executor) {
  const published = () =>
    db
      .selectFrom('kb_articles as a')
      .innerJoin('kb_translations as t', (j) => j.onRef('t.tenant_id', '=', 'a.tenant_id').onRef('t.article_id', '=', 'a.id'))
      .where('a.visibility', '=', 'public')
      .where('t.state', '=', 'published');

  return {
    async settings(tenantId: string): Promise<HelpCenterSettingsRow | undefined> {
      const r = await db.selectFrom('help_center_settings').select(sCols).where('tenant_id', '=', tenantId).executeTakeFirst();
      return r && { ...r, titles: (r.titles ?? {}) as Record<string, string> };
    },
    /** Creates or replaces the settings; the form secret is set once, on creation. */
    async saveSettings(tenantId: string, s: HelpCenterSettingsWrite, formSecret: string, at: Date): Promise<void> {
      const values = { enabled: s.enabled, titles: JSON.stringify(s.titles), theme_color: s.themeColor, logo_url: s.logoUrl, default_language: s.defaultLanguage, chat_inbox_id: s.chatInboxId, contact_form: s.contactForm, updated_at: at };
      await db
        .insertInto('help_center_settings')
        .values({ tenant_id: tenantId, form_secret: formSecret, ...values })
        .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
        .execute();
    },
    async domains(tenantId: string): Promise<string[]> {
      return (await db.selectFrom('help_center_domains').select('domain').where('tenant_id', '=', tenantId).orderBy('domain').execute()).map((r) => r.domain);
    },
    /** Which of these domains belong to another tenant. */
    async takenDomains(tenantId: string, domains: string[]): Promise<string[]> {
      if (domains.length === 0) return [];
      return (await db.selectFrom('help_center_domains').select('domain').where('tenant_id', '<>', tenantId).where('domain', 'in', domains).execute()).map((r) => r.domain);
    },
    async replaceDomains(tenantId: string, domains: string[], at: Date): Promise<void> {
      await db.deleteFrom('help_center_domains').where('tenant_id', '=', tenantId).execute();
      if (domains.length) await db.insertInto('help_center_domains').values(domains.map((domain) => ({ domain, tenant_id: tenantId, created_at: at }))).execute();
    },
    /** The tenant a custom domain belongs to: the one look-up not scoped by tenant, as it finds the tenant. */
    async tenantOfDomain(domain: string): Promise<string | undefined> {
      return (await db.selectFrom('help_center_domains').select('tenant_id').where('domain', '=', domain).executeTakeFirst())?.tenant_id;
    },

    /** Published public articles in one language (optionally of one category), by title. */
    async publishedList(tenantId: string, language: string, categoryId?: string): Promise<PublicArticleSummary[]> {
      let q = published().select(summaryCols).where('a.tenant_id', '=', tenantId).where('t.language', '=', language);
      if (categoryId) q = q.where('a.category_id', '=', categoryId);
      return q.orderBy('t.title').orderBy('a.id').limit(2000).execute();
    },
    async publishedArticle(tenantId: string, id: string, language: string): Promise<PublicArticle | undefined> {
      const r = await published()
        .select([...summaryCols, 'a.related_ids as relatedIds', 't.body as body', 't.helpful_yes as helpfulYes', 't.helpful_no as helpfulNo'])
        .where('a.tenant_id', '=', tenantId)
        .where('a.id', '=', id)
        .where('t.language', '=', language)
        .executeTakeFirst();
      return r && { ...r, helpfulYes: Number(r.helpfulYes), helpfulNo: Number(r.helpfulNo) };
    },
    /** The languages an article is published in, with its title in each (hreflang and the language switcher). */
    async publishedLanguages(tenantId: string, id: string): Promise<{ language: string; title: string }[]> {
      return published().select(['t.language as language', 't.title as title']).where('a.tenant_id', '=', tenantId).where('a.id', '=', id).orderBy('t.language').execute();
    },
    /** Titles of these articles in one language, published and public only. */
    async publishedTitles(tenantId: string, ids: string[], language: string): Promise<PublicArticleSummary[]> {
      if (ids.length === 0) return [];
      return published().select(summaryCols).where('a.tenant_id', '=', tenantId).where('a.id', 'in', ids).where('t.language', '=', language).execute();
    },
    /** Every published public translation (sitemap.xml), newest change first. */
    async sitemap(tenantId: string): Promise<PublicArticleSummary[]> {
      return published().select(summaryCols).where('a.tenant_id', '=', tenantId).orderBy('t.updated_at', 'desc').limit(50_000).execute();
    },
    /** Languages with at least one published public article. */
    async publishedLanguageSet(tenantId: string): Promise<string[]> {
      return (await published().select(sql<string>`t.language`.as('language')).where('a.tenant_id', '=', tenantId).groupBy('t.language').execute()).map((r) => r.language);
    },
  };
}
export type HelpCenterRepo = ReturnType<typeof helpCenterRepo>;
