import type { SearchKindName, SearchResult } from '../../../src/contracts/search.ts';
import { api } from './client.ts';

export interface SearchParams {
  q: string;
  types?: SearchKindName[];
  inboxId?: string;
  status?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string | null;
}

export const searchApi = {
  search: (p: SearchParams) =>
    api.get<SearchResult>('/api/v1/search', {
      q: p.q,
      types: p.types?.length ? p.types.join(',') : undefined,
      inboxId: p.inboxId,
      status: p.status,
      from: p.from,
      to: p.to,
      limit: p.limit ?? 20,
      cursor: p.cursor ?? undefined,
    }),
};
