import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody } from '../../../contracts/common.ts';
import { searchQuery, searchResult } from '../../../contracts/search.ts';
import { principalOf } from '../context.ts';
import type { Services } from '../services.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 429: errorBody };

export const searchRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services: s }) => {
  app.get('/search', {
    // Each kind of result needs its own read permission; the service narrows to those the caller has.
    config: { permission: 'authenticated' },
    schema: {
      tags: ['search'],
      summary: 'Full-text search over messages, conversations, customers and tickets (all words must match; "quoted phrase"), best first, then newest',
      description: 'types: comma-separated message,conversation,customer,ticket. Snippet highlights are UTF-16 offsets into snippet.text.',
      querystring: searchQuery,
      response: { 200: searchResult, ...errors },
    },
  }, async (req) => s.search.search(principalOf(req), req.query));
};
