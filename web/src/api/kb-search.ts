import type { KbSearchResponse, KbSuggestResponse, KbSynonymDto } from '../../../src/contracts/kb-search.ts';
import type { Page } from '../../../src/contracts/common.ts';
import { api } from './client.ts';

const enc = encodeURIComponent;
export type { KbSearchResponse, KbSuggestResponse, KbSynonymDto };
export type KbSearchHit = KbSearchResponse['results'][number];

/** Knowledge-base search for staff: search box, suggestions beside a conversation, synonym groups. */
export const kbSearchApi = {
  search: (q: string, opts: { ui?: string; languages?: string[]; categoryId?: string; limit?: number } = {}) =>
    api.get<KbSearchResponse>('/api/v1/kb/search', { q, ui: opts.ui, languages: opts.languages?.join(','), categoryId: opts.categoryId, limit: opts.limit }),
  suggestions: (conversationId: string, opts: { ui?: string; limit?: number } = {}) =>
    api.get<KbSuggestResponse>(`/api/v1/conversations/${enc(conversationId)}/kb-suggestions`, { ui: opts.ui, limit: opts.limit }),
  synonyms: (cursor?: string | null) => api.get<Page<KbSynonymDto>>('/api/v1/kb/synonyms', { limit: 50, cursor: cursor ?? undefined }),
  createSynonym: (terms: string[]) => api.post<KbSynonymDto>('/api/v1/kb/synonyms', { terms }),
  updateSynonym: (id: string, terms: string[]) => api.put<KbSynonymDto>(`/api/v1/kb/synonyms/${enc(id)}`, { terms }),
  removeSynonym: (id: string) => api.del<null>(`/api/v1/kb/synonyms/${enc(id)}`),
};
