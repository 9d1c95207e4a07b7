import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParams, listQuery, page } from '../../../contracts/common.ts';
import { kbSearchQuery, kbSearchResponse, kbSuggestQuery, kbSuggestResponse, kbSynonym, kbSynonymBody } from '../../../contracts/kb-search.ts';
import type { KbSynonymRow } from '../../../storage/kb-search.repo.ts';
import { principalOf } from '../context.ts';
import type { Services } from '../services.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };
const tags = ['knowledge base search'];

const synonymDto = (s: KbSynonymRow) => ({ id: s.id, terms: s.terms, createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString() });

/** Knowledge-base search for staff, suggestions beside a conversation, and synonym groups. */
export const kbSearchRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services: s }) => {
  const k = s.kbSearch;

  app.get('/kb/search', {
    config: { permission: 'kb.read' },
    schema: { tags, summary: 'Search articles (public and internal) in every language; typos, synonyms and both Chinese scripts are understood', querystring: kbSearchQuery, response: { 200: kbSearchResponse, ...errors } },
  }, async (req) => {
    const q = req.query;
    return k.search(principalOf(req), { q: q.q, limit: q.limit, ...(q.languages?.length ? { languages: q.languages } : {}), ...(q.ui ? { uiLanguage: q.ui } : {}), ...(q.categoryId ? { categoryId: q.categoryId } : {}) });
  });

  app.get('/conversations/:id/kb-suggestions', {
    config: { permission: 'kb.read' },
    schema: { tags, summary: "Articles for what the customer asked last in a conversation", params: idParams, querystring: kbSuggestQuery, response: { 200: kbSuggestResponse, ...errors } },
  }, async (req) => k.suggestForConversation(principalOf(req), req.params.id, { limit: req.query.limit, ...(req.query.ui ? { uiLanguage: req.query.ui } : {}) }));

  app.get('/kb/synonyms', {
    config: { permission: 'kb.manage' },
    schema: { tags, summary: 'Synonym groups, oldest first', querystring: listQuery.omit({ q: true }), response: { 200: page(kbSynonym), ...errors } },
  }, async (req) => {
    const r = await k.listSynonyms(principalOf(req), req.query);
    return { items: r.items.map(synonymDto), nextCursor: r.nextCursor };
  });

  app.post('/kb/synonyms', {
    config: { permission: 'kb.manage' },
    schema: { tags, summary: 'Create a synonym group: a query with any of its terms also finds the others', body: kbSynonymBody, response: { 201: kbSynonym, ...errors } },
  }, async (req, reply) => reply.code(201).send(synonymDto(await k.createSynonym(principalOf(req), req.body.terms))));

  app.put('/kb/synonyms/:id', {
    config: { permission: 'kb.manage' },
    schema: { tags, summary: 'Replace the terms of a synonym group', params: idParams, body: kbSynonymBody, response: { 200: kbSynonym, ...errors } },
  }, async (req) => synonymDto(await k.updateSynonym(principalOf(req), req.params.id, req.body.terms)));

  app.delete('/kb/synonyms/:id', {
    config: { permission: 'kb.manage' },
    schema: { tags, summary: 'Delete a synonym group', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await k.removeSynonym(principalOf(req), req.params.id);
    return reply.code(204).send(null);
  });
};
