import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { AppError, notFound } from '../errors.ts';
import { htmlToText } from '../conversations/sanitize.ts';
import { searchKb } from '../kb-search/search.ts';
import { buildDraftMessages, type ChatMessage, type DraftSource } from './draft.ts';

/** The model call, given by the server when DRAFT_AI_URL is set (transport/ai). */
export type CompleteFn = (messages: ChatMessage[]) => Promise<string>;

/** How many of the customer's latest messages, and how many articles, ground a draft. */
const LAST_MESSAGES = 6;
const SOURCES = 3;

/**
 * Draft a reply to a conversation from the knowledge base with an OpenAI-compatible model.
 * Off (503 with what to set) unless configured; the product does not depend on it.
 */
export function createDraftService(d: CoreDeps, complete: CompleteFn | null) {
  return {
    enabled: complete !== null,

    async draft(p: Principal, conversationId: string): Promise<{ text: string; language: string; sources: Omit<DraftSource, 'text'>[] }> {
      const conv = await d.repos.conversations.byId(p.tenantId, conversationId);
      if (!conv) throw notFound('Conversation');
      if (!complete) throw new AppError('unavailable', 'Answer drafting is off on this server; an operator can turn it on with DRAFT_AI_URL (an OpenAI-compatible endpoint)');
      const recent = await d.repos.messages.list(p.tenantId, conv.id, { limit: 40, afterSeq: Math.max(0, conv.lastSeq - 40) });
      const customer = recent.items.filter((m) => m.direction === 'inbound').slice(-LAST_MESSAGES).map((m) => m.text.trim()).filter(Boolean);
      const [cust, agent] = await Promise.all([d.repos.customers.byId(p.tenantId, conv.customerId), d.repos.users.byId(p.tenantId, p.userId)]);
      const query = customer.slice(-2).join(' ');
      const found = query ? await searchKb(d.repos, p.tenantId, { q: query, audience: 'staff', limit: SOURCES, ...(cust?.language && { uiLanguage: cust.language }) }) : null;
      const language = cust?.language ?? found?.queryLanguage ?? 'en';
      const sources: DraftSource[] = [];
      for (const hit of found?.results ?? []) {
        const tr = await d.repos.kbArticles.translation(p.tenantId, hit.articleId, hit.language);
        if (tr) sources.push({ articleId: hit.articleId, language: hit.language, title: tr.title, text: htmlToText(tr.body) });
      }
      const text = await complete(buildDraftMessages({ language, customerMessages: customer, sources, agentName: agent?.name ?? null }));
      return { text, language, sources: sources.map(({ text: _t, ...s }) => s) };
    },
  };
}
export type DraftService = ReturnType<typeof createDraftService>;
