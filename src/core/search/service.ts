import type { Permission } from '../../contracts/auth.ts';
import { searchKinds, SEARCH_QUERY_MAX, type SearchItem, type SearchKindName, type SearchQuery, type SearchResult } from '../../contracts/search.ts';
import type { SearchAfter, SearchHit } from '../../storage/search.repo.ts';
import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { AppError, invalid } from '../errors.ts';
import { ticketScope } from '../tickets/visibility.ts';
import { makeSnippet } from './snippet.ts';
import { parseQuery } from './terms.ts';

/** The permission each kind of result needs. */
export const kindPermission: Record<SearchKindName, Permission> = {
  message: 'conversations.read',
  conversation: 'conversations.read',
  customer: 'customers.read',
  ticket: 'tickets.read',
};

function encodeCursor(a: SearchAfter): string {
  return Buffer.from(JSON.stringify([a.rank, a.at, a.id]), 'utf8').toString('base64url');
}

function decodeCursor(c: string): SearchAfter {
  try {
    const [rank, at, id] = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as unknown[];
    if (typeof rank === 'string' && /^[0-9.e+-]+$/i.test(rank) && typeof at === 'string' && /^\d{4}-\d{2}-\d{2}[ T][0-9:.+-]+$/.test(at) && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) {
      return { rank, at, id };
    }
  } catch {
    /* fall through */
  }
  throw invalid('The cursor is not one this API returned; pass nextCursor from the previous page unchanged', [{ path: 'cursor', message: 'unknown cursor' }]);
}

function parseKinds(types: string | undefined): SearchKindName[] | undefined {
  if (types === undefined || types.trim() === '') return undefined;
  const list = types.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((k) => !(searchKinds as readonly string[]).includes(k));
  if (bad.length) throw invalid(`types has unknown kinds: ${bad.join(', ')}; use ${searchKinds.join(', ')}`, [{ path: 'types', message: `unknown: ${bad.join(', ')}` }]);
  return [...new Set(list)] as SearchKindName[];
}

function parseDate(v: string | undefined, path: string): Date | undefined {
  if (!v) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw invalid(`${path} is not a date; use ISO 8601 like 2026-03-01`, [{ path, message: 'not a date' }]);
  return d;
}

/** How many of the newest matches are ranked (docs/decisions/009-search.md). */
export const RANK_WINDOW = 500;

/**
 * `rankWindow`: how many newest matches are ranked; `walk`: how many newest documents are walked
 * before the GIN index is asked (0: leave the choice to PostgreSQL's planner; the bench compares).
 */
export function createSearchService(d: CoreDeps, opts: { rankWindow?: number; walk?: number } = {}) {
  const rankWindow = opts.rankWindow ?? RANK_WINDOW;
  return {
    /** Full-text search over what the principal may read, best matches first. */
    async search(p: Principal, input: SearchQuery): Promise<SearchResult> {
      const q = input.q ?? '';
      if (q.length > SEARCH_QUERY_MAX) throw invalid(`q is longer than ${SEARCH_QUERY_MAX} characters; shorten the search`, [{ path: 'q', message: 'too long' }]);
      const parsed = parseQuery(q);
      if (!parsed) {
        throw invalid(q.trim() === '' ? 'q is empty; type a word to search for' : 'q has no words to search for (only punctuation or symbols); type a word', [{ path: 'q', message: 'no searchable words' }]);
      }
      const requested = parseKinds(input.types);
      const kinds = (requested ?? [...searchKinds]).filter((k) => p.permissions.has(kindPermission[k]));
      if (kinds.length === 0) {
        const need = [...new Set((requested ?? [...searchKinds]).map((k) => kindPermission[k]))].join(' or ');
        throw new AppError('forbidden', `Searching these kinds needs ${need}, which your role does not have; ask an admin for access`);
      }
      const from = parseDate(input.from, 'from');
      const to = parseDate(input.to, 'to');
      if (from && to && from >= to) throw invalid('from must be before to', [{ path: 'from', message: 'after to' }]);
      const after = input.cursor ? decodeCursor(input.cursor) : undefined;
      const scope = kinds.includes('ticket') ? await ticketScope(d.repos, p) : { all: true, userId: p.userId, teamIds: [] };
      const hits = await d.repos.search.search(
        p.tenantId,
        parsed.tsquery,
        { kinds, inboxId: input.inboxId, customerId: input.customerId, status: input.status, from, to },
        scope,
        { limit: input.limit, after },
        rankWindow,
        opts.walk,
      );
      const more = hits.length > input.limit;
      const page = more ? hits.slice(0, input.limit) : hits;
      const labels = await d.repos.search.labels(p.tenantId, {
        customers: [...new Set(page.map((h) => h.customerId).filter((x): x is string => !!x))],
        conversations: [...new Set(page.map((h) => h.conversationId).filter((x): x is string => !!x))],
        tickets: [...new Set(page.map((h) => h.ticketId).filter((x): x is string => !!x))],
      });
      const title = (h: SearchHit): string => {
        const customer = h.customerId ? (labels.customers.get(h.customerId) ?? '') : '';
        const subject = h.conversationId ? (labels.conversations.get(h.conversationId) ?? '') : '';
        if (h.kind === 'ticket') {
          const t = labels.tickets.get(h.refId);
          return t ? `#${t.number} ${t.subject}` : '';
        }
        if (h.kind === 'customer') return customer;
        return subject || customer;
      };
      const items: SearchItem[] = page.map((h) => ({
        kind: h.kind,
        id: h.refId,
        title: title(h),
        snippet: makeSnippet(h.body, parsed),
        ...(h.conversationId ? { conversationId: h.conversationId } : {}),
        ...(h.customerId ? { customerId: h.customerId } : {}),
        ...(h.ticketId ? { ticketId: h.ticketId } : {}),
        ...(h.inboxId ? { inboxId: h.inboxId } : {}),
        ...(h.status ? { status: h.status } : {}),
        at: new Date(h.createdAt).toISOString(),
        rank: h.rank,
      }));
      const last = page.at(-1);
      return { items, nextCursor: more && last ? encodeCursor({ rank: last.rankKey, at: last.atKey, id: last.refId }) : null };
    },
  };
}
export type SearchService = ReturnType<typeof createSearchService>;
