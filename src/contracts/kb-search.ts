import { z } from 'zod';
import { languages } from './common.ts';

/** Knowledge-base search: staff search, suggestions for a conversation, synonym groups. */

export const KB_QUERY_MAX = 10_000;

const languageList = z
  .string()
  .max(200)
  .transform((s, ctx) => {
    const list = [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))];
    const bad = list.filter((l) => !(languages as readonly string[]).includes(l));
    if (bad.length) {
      ctx.addIssue({ code: 'custom', message: `unknown language ${bad.join(', ')}; use a comma-separated list of ${languages.join(', ')}` });
      return z.NEVER;
    }
    return list;
  });

export const kbSearchQuery = z.object({
  q: z.string().max(KB_QUERY_MAX, `a query may have at most ${KB_QUERY_MAX} characters`),
  /** Only articles in these languages, e.g. "en,cy". */
  languages: languageList.optional(),
  /** The reader's language: short or ambiguous queries are taken to be in it. */
  ui: z.enum(languages).optional(),
  categoryId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const kbSuggestQuery = z.object({
  ui: z.enum(languages).optional(),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});

export const kbSearchResult = z.object({
  articleId: z.uuid(),
  language: z.string(),
  title: z.string(),
  /** Internal articles are for staff: do not send their links to customers. */
  visibility: z.enum(['public', 'internal']),
  snippet: z.string(),
  score: z.number(),
});
export type KbSearchResultDto = z.infer<typeof kbSearchResult>;

export const kbSearchResponse = z.object({
  queryLanguage: z.string(),
  results: z.array(kbSearchResult),
});
export type KbSearchResponse = z.infer<typeof kbSearchResponse>;

export const kbSuggestResponse = kbSearchResponse.extend({
  /** The customer's words the suggestions were found for. */
  basedOn: z.string(),
});
export type KbSuggestResponse = z.infer<typeof kbSuggestResponse>;

export const kbSynonymBody = z.object({
  terms: z.array(z.string().max(200)).min(2, 'give at least two terms').max(20, 'at most 20 terms per group'),
});

export const kbSynonym = z.object({
  id: z.uuid(),
  terms: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type KbSynonymDto = z.infer<typeof kbSynonym>;
