import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { invalid, notFound } from '../errors.ts';
import { draftEvent } from '../events/draft.ts';
import { normalizeTerm } from '../search/analyze.ts';
import { searchKb, type KbSearchInput, type KbSearchOutput } from './search.ts';

/** How many of the conversation's latest messages a suggestion reads, and how many customer ones it keeps. */
const SUGGEST_WINDOW = 40;
const SUGGEST_MESSAGES = 3;
const MAX_SYNONYM_TERM = 80;

/** Trims, drops empty and repeated terms (compared folded); at least two must remain. */
export function cleanSynonymTerms(terms: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of terms) {
    const t = raw.replace(/\s+/gu, ' ').trim();
    if (!t) continue;
    if ([...t].length > MAX_SYNONYM_TERM) throw invalid(`A synonym may have at most ${MAX_SYNONYM_TERM} characters`, [{ path: 'terms', message: 'too long' }]);
    const key = t.split(' ').map(normalizeTerm).join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(t);
  }
  if (out.length < 2) throw invalid('A synonym group needs at least two different terms, e.g. ["refund", "money back"]', [{ path: 'terms', message: 'at least two different terms' }]);
  if (out.length > 20) throw invalid('A synonym group may have at most 20 terms; split it into several groups', [{ path: 'terms', message: 'at most 20 terms' }]);
  return out;
}

/** Knowledge-base search for staff (search box, suggestions beside a conversation) and synonym admin. */
export function createKbSearchService(d: CoreDeps) {
  const event = (p: Principal, type: string, id: string, payload: Record<string, unknown>) =>
    draftEvent(d.newId, { type, aggregateType: 'kb_synonym', aggregateId: id, actorId: p.userId, payload });

  return {
    /** Staff search: public and internal articles. */
    search: (p: Principal, input: Omit<KbSearchInput, 'audience'>): Promise<KbSearchOutput> =>
      searchKb(d.repos, p.tenantId, { ...input, audience: 'staff' }),

    /** Articles for what the customer asked last in a conversation. */
    async suggestForConversation(p: Principal, conversationId: string, opts: { limit: number; uiLanguage?: string }): Promise<KbSearchOutput & { basedOn: string }> {
      const conv = await d.repos.conversations.byId(p.tenantId, conversationId);
      if (!conv) throw notFound('Conversation');
      const from = Math.max(0, conv.lastSeq - SUGGEST_WINDOW);
      const page = await d.repos.messages.list(p.tenantId, conversationId, { limit: SUGGEST_WINDOW, afterSeq: from, whispersFor: p.userId });
      const asked = page.items.filter((m) => m.direction === 'inbound' && m.text.trim().length > 0).slice(-SUGGEST_MESSAGES);
      const basedOn = asked.map((m) => m.text.trim()).join('\n');
      if (!basedOn) return { queryLanguage: opts.uiLanguage ?? 'en', results: [], basedOn: '' };
      const out = await searchKb(d.repos, p.tenantId, { q: basedOn, audience: 'staff', limit: opts.limit, ...(opts.uiLanguage ? { uiLanguage: opts.uiLanguage } : {}) });
      return { ...out, basedOn };
    },

    listSynonyms: (p: Principal, args: { limit: number; cursor?: string }) => d.repos.kbSearch.listSynonyms(p.tenantId, args),

    async createSynonym(p: Principal, terms: string[]) {
      const clean = cleanSynonymTerms(terms);
      const id = d.newId();
      const now = d.clock.now();
      await d.uow(async (r) => {
        await r.kbSearch.insertSynonym({ id, tenantId: p.tenantId, terms: clean, at: now });
        await r.events.append(p.tenantId, [event(p, 'kb_synonym.created', id, { terms: clean })], now);
      });
      return (await d.repos.kbSearch.synonymById(p.tenantId, id))!;
    },

    async updateSynonym(p: Principal, id: string, terms: string[]) {
      const clean = cleanSynonymTerms(terms);
      const now = d.clock.now();
      await d.uow(async (r) => {
        if (!(await r.kbSearch.updateSynonym(p.tenantId, id, clean, now))) throw notFound('Synonym group');
        await r.events.append(p.tenantId, [event(p, 'kb_synonym.updated', id, { terms: clean })], now);
      });
      return (await d.repos.kbSearch.synonymById(p.tenantId, id))!;
    },

    async removeSynonym(p: Principal, id: string) {
      const now = d.clock.now();
      await d.uow(async (r) => {
        if (!(await r.kbSearch.removeSynonym(p.tenantId, id))) throw notFound('Synonym group');
        await r.events.append(p.tenantId, [event(p, 'kb_synonym.deleted', id, {})], now);
      });
    },
  };
}
export type KbSearchService = ReturnType<typeof createKbSearchService>;
