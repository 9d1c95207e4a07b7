import { z } from 'zod';

export const searchKinds = ['message', 'conversation', 'customer', 'ticket'] as const;
export type SearchKindName = (typeof searchKinds)[number];

/** Longest query accepted. */
export const SEARCH_QUERY_MAX = 200;

export const searchQuery = z.object({
  q: z.string().max(SEARCH_QUERY_MAX, `q is longer than ${SEARCH_QUERY_MAX} characters; shorten the search`).default(''),
  /** Comma-separated kinds; all that the caller may read when absent. */
  types: z.string().max(100).optional(),
  inboxId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  status: z.string().trim().min(1).max(30).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(300).optional(),
});
export type SearchQuery = z.infer<typeof searchQuery>;

/** Where the query's words are in `text`: UTF-16 offsets (JavaScript string indexes), end exclusive. */
export const searchSnippet = z.object({
  text: z.string(),
  highlights: z.array(z.object({ start: z.number().int(), end: z.number().int() })),
});
export type SearchSnippet = z.infer<typeof searchSnippet>;

export const searchItem = z.object({
  kind: z.enum(searchKinds),
  id: z.uuid(),
  title: z.string(),
  snippet: searchSnippet,
  conversationId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  ticketId: z.uuid().optional(),
  inboxId: z.uuid().optional(),
  status: z.string().optional(),
  at: z.iso.datetime(),
  rank: z.number(),
});
export type SearchItem = z.infer<typeof searchItem>;

export const searchResult = z.object({ items: z.array(searchItem), nextCursor: z.string().nullable() });
export type SearchResult = z.infer<typeof searchResult>;
