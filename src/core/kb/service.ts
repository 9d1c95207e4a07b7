import type { KbImportBody } from '../../contracts/kb.ts';
import type { PageArgs } from '../../storage/paginate.ts';
import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { kbArticleActions } from './articles.ts';
import { kbCategoryActions } from './categories.ts';
import { exportCsv, exportMarkdown } from './export.ts';
import { viewKb, voteKb } from './feedback.ts';
import { createKbImport, kbImportOf, processKbImport } from './imports.ts';
import { kbVersionActions } from './versions.ts';

export interface KbOptions {
  /** Starts processing an import after upload; by default it runs in this process right away. */
  kickImport?: (tenantId: string, importId: string) => void;
}

/** The knowledge base's articles: categories, articles and translations, versions, votes, views, import and export. */
export function createKbService(d: CoreDeps, o: KbOptions = {}) {
  const kick = o.kickImport ?? ((tenantId: string, importId: string) => {
    void processKbImport(d, tenantId, importId).catch(() => {});
  });
  return {
    ...kbCategoryActions(d),
    ...kbArticleActions(d),
    ...kbVersionActions(d),

    /** Staff "was this helpful?" (testing); the help center calls voteKb with its visitor cookie. */
    vote: (p: Principal, id: string, v: { language: string; helpful: boolean; visitorKey?: string }) =>
      voteKb(d, { tenantId: p.tenantId, articleId: id, language: v.language, helpful: v.helpful, visitorKey: v.visitorKey ?? `user:${p.userId}`, actorId: p.userId }),
    /** For the public help center: a vote by a visitor key, on published texts only. */
    voteAsVisitor: (tenantId: string, id: string, language: string, visitorKey: string, helpful: boolean) =>
      voteKb(d, { tenantId, articleId: id, language, helpful, visitorKey: `visitor:${visitorKey}`, actorId: null, publishedOnly: true }),
    view: (tenantId: string, id: string, language: string) => viewKb(d, tenantId, id, language),

    async startImport(p: Principal, body: KbImportBody) {
      const id = await createKbImport(d, p, body);
      kick(p.tenantId, id);
      return kbImportOf(d, p, id);
    },
    getImport: (p: Principal, id: string) => kbImportOf(d, p, id),
    listImports: (p: Principal, args: PageArgs) => d.repos.kbImports.list(p.tenantId, args),
    /** Runs an import to the end in this call (tests, resume after restart). */
    runImport: (tenantId: string, id: string) => processKbImport(d, tenantId, id),
    /** At start: imports a stopped process left unfinished go on (rows already written are not written again). */
    async resumeImports(): Promise<number> {
      const left = await d.repos.kbImports.unfinished();
      for (const i of left) await processKbImport(d, i.tenantId, i.id);
      return left.length;
    },

    exportMarkdown: (p: Principal, language?: string) => exportMarkdown(d.repos, p.tenantId, language),
    exportCsv: (p: Principal, language?: string) => exportCsv(d.repos, p.tenantId, language),
  };
}
export type KbService = ReturnType<typeof createKbService>;
