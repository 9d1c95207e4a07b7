import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParams, listQuery, page } from '../../../contracts/common.ts';
import {
  kbArticle, kbArticleCreate, kbArticleListQuery, kbArticlePatch, kbArticleSummary, kbCategory, kbCategoryBody, kbCategoryMove, kbCategoryPatch,
  kbDiff, kbDiffQuery, kbExportQuery, kbImport, kbImportBody, kbLangParams, kbMarkdownExport, kbStateBody, kbTranslationBody, kbVersion,
  kbVersionParams, kbVoteBody, kbVoteResult,
} from '../../../contracts/kb.ts';
import { principalOf } from '../context.ts';
import type { Services } from '../services.ts';
import { kbArticleDto, kbArticleSummaryDto, kbCategoryDto, kbImportDto, kbVersionDto } from './kb-dto.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };
const tags = ['knowledge base'];
/** Imports carry whole articles: a bigger body than the API's 1 MB default. */
const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

/** The knowledge base's articles: categories, articles, translations, states, versions, votes, import and export. */
export const kbRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services: s }) => {
  const k = s.kb;

  app.get('/kb/categories', {
    config: { permission: 'kb.read' },
    schema: { tags, summary: 'Every category and section (a tree by parentId, ordered by position)', response: { 200: z.object({ items: z.array(kbCategory) }), ...errors } },
  }, async (req) => ({ items: (await k.listCategories(principalOf(req))).map(kbCategoryDto) }));

  app.post('/kb/categories', {
    config: { permission: 'kb.manage' },
    schema: { tags, summary: 'Create a category (parentId null) or a section under one', body: kbCategoryBody, response: { 201: kbCategory, ...errors } },
  }, async (req, reply) => reply.code(201).send(kbCategoryDto(await k.createCategory(principalOf(req), req.body))));

  app.get('/kb/categories/:id', {
    config: { permission: 'kb.read' },
    schema: { tags, summary: 'One category', params: idParams, response: { 200: kbCategory, ...errors } },
  }, async (req) => kbCategoryDto(await k.getCategory(principalOf(req), req.params.id)));

  app.patch('/kb/categories/:id', {
    config: { permission: 'kb.manage' },
    schema: { tags, summary: 'Rename a category, its names in other languages or its description', params: idParams, body: kbCategoryPatch, response: { 200: kbCategory, ...errors } },
  }, async (req) => kbCategoryDto(await k.updateCategory(principalOf(req), req.params.id, req.body)));

  app.post('/kb/categories/:id/move', {
    config: { permission: 'kb.manage' },
    schema: { tags, summary: 'Move a category under another (or to the top, parentId null) at a position; loops are refused', params: idParams, body: kbCategoryMove, response: { 200: kbCategory, ...errors } },
  }, async (req) => kbCategoryDto(await k.moveCategory(principalOf(req), req.params.id, req.body)));

  app.delete('/kb/categories/:id', {
    config: { permission: 'kb.manage' },
    schema: { tags, summary: 'Delete an empty category (409 while it has sections or articles)', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await k.removeCategory(principalOf(req), req.params.id);
    return reply.code(204).send(null);
  });

  app.get('/kb/articles', {
    config: { permission: 'kb.read' },
    schema: { tags, summary: 'Articles, newest first; q matches a title, state and language match any translation', querystring: kbArticleListQuery, response: { 200: page(kbArticleSummary), ...errors } },
  }, async (req) => {
    const r = await k.listArticles(principalOf(req), req.query);
    return { items: r.items.map(kbArticleSummaryDto), nextCursor: r.nextCursor };
  });

  app.post('/kb/articles', {
    config: { permission: 'kb.manage' },
    schema: { tags, summary: 'Create an article with one or more translations (drafts; bodies are sanitized HTML)', body: kbArticleCreate, response: { 201: kbArticle, ...errors } },
  }, async (req, reply) => reply.code(201).send(kbArticleDto(await k.createArticle(principalOf(req), req.body))));

  app.get('/kb/articles/:id', {
    config: { permission: 'kb.read' },
    schema: { tags, summary: 'One article with every translation', params: idParams, response: { 200: kbArticle, ...errors } },
  }, async (req) => kbArticleDto(await k.getArticle(principalOf(req), req.params.id)));

  app.patch('/kb/articles/:id', {
    config: { permission: 'kb.manage' },
    schema: { tags, summary: 'Change category, visibility, tags, related articles or attachments', params: idParams, body: kbArticlePatch, response: { 200: kbArticle, ...errors } },
  }, async (req) => kbArticleDto(await k.updateArticle(principalOf(req), req.params.id, req.body)));

  app.delete('/kb/articles/:id', {
    config: { permission: 'kb.manage' },
    schema: { tags, summary: 'Delete an article, every translation and version', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await k.removeArticle(principalOf(req), req.params.id);
    return reply.code(204).send(null);
  });

  app.put('/kb/articles/:id/translations/:language', {
    config: { permission: 'kb.manage' },
    schema: { tags, summary: 'Write one language (a new version; a new language starts as a draft). baseVersion guards against overwriting a newer save (409)', params: kbLangParams, body: kbTranslationBody, response: { 200: kbArticle, ...errors } },
  }, async (req) => kbArticleDto(await k.saveTranslation(principalOf(req), req.params.id, req.params.language, req.body)));

  app.delete('/kb/articles/:id/translations/:language', {
    config: { permission: 'kb.manage' },
    schema: { tags, summary: 'Remove one language (not the last one)', params: kbLangParams, response: { 200: kbArticle, ...errors } },
  }, async (req) => kbArticleDto(await k.removeTranslation(principalOf(req), req.params.id, req.params.language)));

  app.post('/kb/articles/:id/translations/:language/state', {
    config: { permission: 'kb.manage' },
    schema: { tags, summary: 'Move one language to draft, review, published or archived (draft→review→published; published→draft unpublishes; archived→draft)', params: kbLangParams, body: kbStateBody, response: { 200: kbArticle, ...errors } },
  }, async (req) => kbArticleDto(await k.setState(principalOf(req), req.params.id, req.params.language, req.body.state)));

  app.get('/kb/articles/:id/translations/:language/versions', {
    config: { permission: 'kb.read' },
    schema: { tags, summary: 'Versions of one language, newest first', params: kbLangParams, querystring: listQuery.omit({ q: true }), response: { 200: page(kbVersion), ...errors } },
  }, async (req) => {
    const r = await k.listVersions(principalOf(req), req.params.id, req.params.language, req.query);
    return { items: r.items.map(kbVersionDto), nextCursor: r.nextCursor };
  });

  app.get('/kb/articles/:id/translations/:language/diff', {
    config: { permission: 'kb.read' },
    schema: { tags, summary: 'What changed from one version to another (default: the current version against the one before): title and body word by word (mode=words, plain text) or line by line (mode=lines, HTML)', params: kbLangParams, querystring: kbDiffQuery, response: { 200: kbDiff, ...errors } },
  }, async (req) => k.diffVersions(principalOf(req), req.params.id, req.params.language, req.query.from, req.query.to, req.query.mode));

  app.post('/kb/articles/:id/translations/:language/versions/:version/restore', {
    config: { permission: 'kb.manage' },
    schema: { tags, summary: "Make an old version's title and body the newest version (history is kept)", params: kbVersionParams, response: { 200: kbArticle, ...errors } },
  }, async (req) => {
    const p = principalOf(req);
    await k.restoreVersion(p, req.params.id, req.params.language, req.params.version);
    return kbArticleDto(await k.getArticle(p, req.params.id));
  });

  app.post('/kb/articles/:id/vote', {
    config: { permission: 'kb.read' },
    schema: { tags, summary: '"Was this helpful?" as staff (for testing; one vote per visitor key, default your user); the help center has its own public vote', params: idParams, body: kbVoteBody, response: { 200: kbVoteResult, ...errors } },
  }, async (req) => k.vote(principalOf(req), req.params.id, req.body));

  app.post('/kb/imports', {
    bodyLimit: IMPORT_BODY_LIMIT,
    config: { permission: 'kb.manage' },
    schema: { tags, summary: 'Import articles: { format: "markdown", files: [{ name, content }] } (.md with front-matter), { format: "csv", content } or { format: "json", articles: [...] }. Good rows import, bad rows are reported; runs in the background (202)', body: kbImportBody, response: { 202: kbImport, ...errors } },
  }, async (req, reply) => reply.code(202).send(kbImportDto(await k.startImport(principalOf(req), req.body))));

  app.get('/kb/imports', {
    config: { permission: 'kb.manage' },
    schema: { tags, summary: 'Imports, newest first', querystring: listQuery.omit({ q: true }), response: { 200: page(kbImport), ...errors } },
  }, async (req) => {
    const r = await k.listImports(principalOf(req), req.query);
    return { items: r.items.map(kbImportDto), nextCursor: r.nextCursor };
  });

  app.get('/kb/imports/:id', {
    config: { permission: 'kb.manage' },
    schema: { tags, summary: "An import's progress and its report of refused rows", params: idParams, response: { 200: kbImport, ...errors } },
  }, async (req) => kbImportDto(await k.getImport(principalOf(req), req.params.id)));

  app.get('/kb/export', {
    config: { permission: 'kb.manage' },
    schema: { tags, summary: 'Every article text: format=markdown gives JSON { files: [{ name, content }] } (.md with front-matter); format=csv a CSV file', querystring: kbExportQuery, response: { 200: kbMarkdownExport.or(z.string()), ...errors } },
  }, async (req, reply) => {
    const p = principalOf(req);
    if (req.query.format === 'csv') {
      const csv = await k.exportCsv(p, req.query.language);
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="knowledge-base.csv"').send(`\uFEFF${csv}`);
    }
    return k.exportMarkdown(p, req.query.language);
  });
};
