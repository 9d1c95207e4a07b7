import type { Repos } from '../../storage/repos.ts';
import { indexRow } from './documents.ts';

/**
 * The port the knowledge base (src/core/kb) calls to keep search current: one document per
 * article translation. Lexemes are computed here, in the application, so PostgreSQL and PGlite
 * index exactly the same terms. Call `put` inside the same unit of work that publishes or edits a
 * translation, and `remove` when an article (or one language of it) is deleted or unpublished.
 */
export interface KbIndexDoc {
  tenantId: string;
  articleId: string;
  /** One of the app's languages: en, cy, pl, hi, zh-Hans, zh-Hant. */
  language: string;
  title: string;
  /** Plain text of the body (markup stripped by the caller). */
  text: string;
  tags: string[];
  visibility: 'public' | 'internal';
  categoryId: string | null;
  helpful: { yes: number; no: number };
  views: number;
  publishedAt: Date;
}

export interface KbIndex {
  put(doc: KbIndexDoc): Promise<void>;
  /** Without `language`, every translation of the article leaves the index. */
  remove(tenantId: string, articleId: string, language?: string): Promise<void>;
}

export function kbIndex(r: Repos): KbIndex {
  return {
    async put(doc) {
      await r.kbSearch.upsert(indexRow(doc));
    },
    async remove(tenantId, articleId, language) {
      await r.kbSearch.remove(tenantId, articleId, language);
    },
  };
}
