import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams } from '../../../contracts/common.ts';
import { conversationSentimentDto } from '../../../contracts/sentiment.ts';
import { conversationSentiment } from '../../../core/sentiment/conversation.ts';
import { isSharpDrop } from '../../../core/sentiment/trend.ts';
import { principalOf } from '../context.ts';
import type { Services } from '../services.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 429: errorBody };

/** A conversation's sentiment trend over its inbound messages (issue 8). */
export const sentimentRoutes: FastifyPluginAsyncZod<{ services: Pick<Services, 'repos'> }> = async (app, opts) => {
  app.get('/conversations/:id/sentiment', {
    config: { permission: 'conversations.read' },
    schema: {
      tags: ['conversations'], summary: 'Sentiment of the customer\'s messages (−1..1 each), their trend and the last third\'s mean',
      params: idParams, response: { 200: conversationSentimentDto, ...errors },
    },
  }, async (req) => {
    const s = await conversationSentiment(opts.services.repos, principalOf(req).tenantId, req.params.id);
    return {
      conversationId: s.conversationId,
      points: s.points.map((p) => ({ messageId: p.messageId, seq: p.seq, at: p.at.toISOString(), score: p.score })),
      trend: s.trend,
      direction: s.direction,
      sharpDrop: isSharpDrop(s.trend),
    };
  });
};
