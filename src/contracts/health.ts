import { z } from 'zod';
import { uuid } from './common.ts';

export const healthBands = ['healthy', 'watch', 'at_risk'] as const;
export type HealthBandName = (typeof healthBands)[number];

/** One factor of a health score (docs/health-score.md): its signal value, points and the data of its reason. */
export const healthFactor = z.object({
  key: z.string(),
  value: z.number().nullable(),
  impact: z.number().int(),
  explanation: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
export type HealthFactorDto = z.infer<typeof healthFactor>;

export const customerHealth = z.object({
  customerId: uuid,
  score: z.number().int().min(0).max(100),
  band: z.enum(healthBands),
  factors: z.array(healthFactor),
  computedAt: z.iso.datetime(),
});
export type CustomerHealth = z.infer<typeof customerHealth>;

export const atRiskQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
    band: z.enum(healthBands).optional(),
    minScore: z.coerce.number().int().min(0).max(100).optional(),
    maxScore: z.coerce.number().int().min(0).max(100).optional(),
  })
  .refine((q) => q.minScore === undefined || q.maxScore === undefined || q.minScore <= q.maxScore, { path: ['minScore'], message: 'minScore must not be above maxScore' });

export const atRiskItem = customerHealth.extend({
  customer: z.object({ id: uuid, name: z.string(), company: z.string().nullable(), tags: z.array(z.string()) }),
});
export type AtRiskItem = z.infer<typeof atRiskItem>;
