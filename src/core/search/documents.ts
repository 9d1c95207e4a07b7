import type { ConversationSource, CustomerSource, MessageSource, SearchDoc, TicketSource } from '../../storage/search.repo.ts';

/**
 * How a present row becomes an index document: what is searched, weighted, and shown. A draft
 * names the title and body its tsvector is analyzed from (core/search/terms.ts); the indexer has
 * them analyzed together, on a worker thread when there are many (core/search/vectorizer.ts).
 */
export type DocDraft = Omit<SearchDoc, 'tokens'> & { analyze: readonly [title: string, body: string] };

/** The start of a text kept for snippets. */
const BODY_CHARS = 2000;

const clip = (s: string) => (s.length > BODY_CHARS ? s.slice(0, BODY_CHARS) : s);

export function messageDoc(m: MessageSource): DocDraft {
  return {
    kind: 'message', refId: m.id, conversationId: m.conversationId, customerId: m.customerId, ticketId: null, inboxId: m.inboxId, status: m.status,
    body: clip(m.text), analyze: ['', m.text], createdAt: m.createdAt,
  };
}

export function conversationDoc(c: ConversationSource): DocDraft {
  const subject = c.subject ?? '';
  return {
    kind: 'conversation', refId: c.id, conversationId: c.id, customerId: c.customerId, ticketId: null, inboxId: c.inboxId, status: c.status,
    body: clip([subject, c.customerName, c.tags.join(' ')].filter(Boolean).join(' · ')),
    analyze: [subject, [c.customerName, ...c.tags].join(' ')], createdAt: c.createdAt,
  };
}

export function customerDoc(c: CustomerSource): DocDraft {
  const extra = [c.company ?? '', ...c.identities, ...c.tags].filter(Boolean).join(' ');
  return {
    kind: 'customer', refId: c.id, conversationId: null, customerId: c.id, ticketId: null, inboxId: null, status: null,
    body: clip([c.name, c.company ?? '', ...c.identities].filter(Boolean).join(' · ')),
    analyze: [c.name, extra], createdAt: c.createdAt,
  };
}

export function ticketDoc(t: TicketSource): DocDraft {
  return {
    kind: 'ticket', refId: t.id, conversationId: null, customerId: t.requesterId, ticketId: t.id, inboxId: null, status: t.status,
    body: clip(t.comments ? `${t.subject} · ${t.comments}` : t.subject),
    analyze: [`${t.number} ${t.subject}`, [...t.tags, t.comments].join(' ')], createdAt: t.createdAt,
  };
}
