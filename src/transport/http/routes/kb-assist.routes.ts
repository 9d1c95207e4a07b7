import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParams } from '../../../contracts/common.ts';
import { principalOf } from '../context.ts';
import type { DraftService } from '../../../core/kb-assist/service.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 429: errorBody, 503: errorBody };
const tags = ['knowledge base'];

const draftDto = z.object({
  text: z.string(),
  language: z.string(),
  sources: z.array(z.object({ articleId: z.uuid(), language: z.string(), title: z.string() })),
});

/** Optional answer drafting from the knowledge base (off unless DRAFT_AI_URL is set). */
export const kbAssistRoutes: FastifyPluginAsyncZod<{ services: { drafts: DraftService } }> = async (app, { services: { drafts } }) => {
  app.get('/kb-assist', {
    config: { permission: 'desk.use' },
    schema: { tags, summary: 'Whether this server drafts replies with a model (DRAFT_AI_URL)', response: { 200: z.object({ drafting: z.boolean() }), ...errors } },
  }, async () => ({ drafting: drafts.enabled }));

  app.post('/conversations/:id/draft-answer', {
    config: { permission: 'desk.use', rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: { tags, summary: 'A reply drafted from the knowledge base for the agent to review; never sent by itself', params: idParams, response: { 200: draftDto, ...errors } },
  }, async (req) => drafts.draft(principalOf(req), req.params.id));
};
