import type { Page } from '../../../src/contracts/common.ts';
import type { KbArticle, KbArticleCreate, KbArticlePatch, KbArticleSummary, KbCategory, KbDiff, KbImport, KbState, KbVersion, KbVisibility } from '../../../src/contracts/kb.ts';
import { api } from './client.ts';

export type { KbArticle, KbArticleSummary, KbCategory, KbDiff, KbImport, KbState, KbVersion, KbVisibility };
export const KB_STATES: readonly KbState[] = ['draft', 'review', 'published', 'archived'];
export const KB_LANGUAGES = ['en', 'cy', 'pl', 'hi', 'zh-Hans', 'zh-Hant'] as const;

const enc = encodeURIComponent;
const art = (id: string) => `/api/v1/kb/articles/${enc(id)}`;
const lang = (id: string, language: string) => `${art(id)}/translations/${enc(language)}`;

export interface KbListFilters {
  q?: string;
  categoryId?: string;
  state?: KbState | '';
  language?: string;
  visibility?: KbVisibility | '';
}

/** The knowledge base's articles, categories, versions and imports. */
export const kbApi = {
  articles: (f: KbListFilters, cursor?: string | null, limit = 25) =>
    api.get<Page<KbArticleSummary>>('/api/v1/kb/articles', { limit, cursor: cursor ?? undefined, q: f.q?.trim() || undefined, categoryId: f.categoryId || undefined, state: f.state || undefined, language: f.language || undefined, visibility: f.visibility || undefined }),
  article: (id: string) => api.get<KbArticle>(art(id)),
  create: (body: KbArticleCreate) => api.post<KbArticle>('/api/v1/kb/articles', body),
  update: (id: string, body: KbArticlePatch) => api.patch<KbArticle>(art(id), body),
  remove: (id: string) => api.del<null>(art(id)),
  saveText: (id: string, language: string, body: { title: string; body: string; baseVersion?: number }) => api.put<KbArticle>(lang(id, language), body),
  removeText: (id: string, language: string) => api.del<KbArticle>(lang(id, language)),
  setState: (id: string, language: string, state: KbState) => api.post<KbArticle>(`${lang(id, language)}/state`, { state }),
  versions: (id: string, language: string, cursor?: string | null) => api.get<Page<KbVersion>>(`${lang(id, language)}/versions`, { limit: 50, cursor: cursor ?? undefined }),
  diff: (id: string, language: string, from: number, to: number) => api.get<KbDiff>(`${lang(id, language)}/diff`, { from, to }),
  restore: (id: string, language: string, version: number) => api.post<KbArticle>(`${lang(id, language)}/versions/${version}/restore`),

  categories: async () => (await api.get<{ items: KbCategory[] }>('/api/v1/kb/categories')).items,
  createCategory: (body: { name: string; parentId: string | null; position?: number }) => api.post<KbCategory>('/api/v1/kb/categories', body),
  updateCategory: (id: string, body: { name?: string; description?: string; names?: Record<string, string> }) => api.patch<KbCategory>(`/api/v1/kb/categories/${enc(id)}`, body),
  moveCategory: (id: string, parentId: string | null, position: number) => api.post<KbCategory>(`/api/v1/kb/categories/${enc(id)}/move`, { parentId, position }),
  removeCategory: (id: string) => api.del<null>(`/api/v1/kb/categories/${enc(id)}`),

  importMarkdown: (files: { name: string; content: string }[]) => api.post<KbImport>('/api/v1/kb/imports', { format: 'markdown', files }),
  importCsv: (content: string) => api.post<KbImport>('/api/v1/kb/imports', { format: 'csv', content }),
  importStatus: (id: string) => api.get<KbImport>(`/api/v1/kb/imports/${enc(id)}`),
  imports: (cursor?: string | null) => api.get<Page<KbImport>>('/api/v1/kb/imports', { limit: 20, cursor: cursor ?? undefined }),
  exportMarkdown: (language?: string) => api.get<{ files: { name: string; content: string }[] }>('/api/v1/kb/export', { format: 'markdown', language }),
  exportCsvUrl: (language?: string) => `/api/v1/kb/export?format=csv${language ? `&language=${enc(language)}` : ''}`,
};

/** Categories as an indented list, parents before their sections: [category, depth]. */
export function categoryTree(all: KbCategory[]): [KbCategory, number][] {
  const out: [KbCategory, number][] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const c of all.filter((x) => x.parentId === parent).sort((a, b) => a.position - b.position || a.name.localeCompare(b.name))) {
      out.push([c, depth]);
      if (depth < 10) walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
