import { z } from 'zod';

/** One scored inbound message of a conversation. */
export const sentimentPoint = z.object({
  messageId: z.uuid(),
  seq: z.number().int(),
  at: z.string(),
  /** −1 (very negative) … 1 (very positive). */
  score: z.number().min(-1).max(1),
});
export type SentimentPointDto = z.infer<typeof sentimentPoint>;

/** METRICS.md "sentiment": per conversation the trend and the last third's mean (docs/sentiment.md). */
export const sentimentTrendDto = z.object({
  count: z.number().int(),
  mean: z.number(),
  lastThirdMean: z.number(),
  earlierMean: z.number(),
  /** Least-squares slope of score per message. */
  slope: z.number(),
  /** earlierMean − lastThirdMean (positive: the mood fell). */
  drop: z.number(),
});

export const conversationSentimentDto = z.object({
  conversationId: z.uuid(),
  points: z.array(sentimentPoint),
  trend: sentimentTrendDto,
  direction: z.enum(['rising', 'falling', 'steady']),
  /** Whether the trend is a sharp drop by the default threshold. */
  sharpDrop: z.boolean(),
});
export type ConversationSentimentDto = z.infer<typeof conversationSentimentDto>;
