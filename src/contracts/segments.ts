import { z } from 'zod';
import { listQuery, uuid } from './common.ts';

/** Segment definitions: saved filters over customers (docs/decisions: segments and health). */

export const MAX_SEGMENT_DEPTH = 3;
export const MAX_CONDITIONS = 30;

export const compareOps = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'] as const;
export type CompareOp = (typeof compareOps)[number];
export const healthBands = ['healthy', 'watch', 'at_risk'] as const;

const days = z.number().int().min(1).max(3650);
const text = z.string().trim().min(1).max(200);

const fieldCondition = z
  .object({
    kind: z.literal('field'),
    field: z.enum(['name', 'company', 'language', 'timezone']),
    op: z.enum(['eq', 'contains', 'empty']),
    value: z.string().trim().max(200).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.op !== 'empty' && !c.value) ctx.addIssue({ code: 'custom', path: ['value'], message: `a text is needed for "${c.op}"` });
  });

const tagCondition = z.object({ kind: z.literal('tag'), op: z.enum(['has', 'has_not']), value: z.string().trim().min(1).max(50) });

const attributeCondition = z
  .object({
    kind: z.literal('attribute'),
    key: z.string().trim().min(1).max(100),
    op: z.enum([...compareOps, 'contains', 'exists']),
    value: z.union([z.string().max(2000), z.number(), z.boolean()]).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.op === 'exists') return;
    if (c.value === undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: `a value is needed for "${c.op}"` });
    else if (['gt', 'gte', 'lt', 'lte'].includes(c.op) && typeof c.value !== 'number') ctx.addIssue({ code: 'custom', path: ['value'], message: `"${c.op}" compares numbers; give a number` });
    else if (c.op === 'contains' && typeof c.value !== 'string') ctx.addIssue({ code: 'custom', path: ['value'], message: '"contains" looks for a text; give a string' });
  });

const consentCondition = z.object({ kind: z.literal('consent'), channel: z.enum(['marketingEmail', 'sms', 'calls']), value: z.boolean() });

const ordersCondition = z
  .object({
    kind: z.literal('orders'),
    metric: z.enum(['total_spent', 'order_count', 'days_since_last_order']),
    days: days.optional(),
    op: z.enum(compareOps),
    value: z.number().min(0).max(1e12),
  })
  .superRefine((c, ctx) => {
    if (c.metric !== 'days_since_last_order' && c.days === undefined) ctx.addIssue({ code: 'custom', path: ['days'], message: `"${c.metric}" needs the number of days to look back` });
  });

const surveysCondition = z
  .object({
    kind: z.literal('surveys'),
    metric: z.enum(['avg_csat', 'min_csat', 'latest_nps']),
    days,
    op: z.enum(compareOps),
    value: z.number(),
  })
  .superRefine((c, ctx) => {
    const [lo, hi] = c.metric === 'latest_nps' ? [0, 10] : [1, 5];
    if (c.value < lo || c.value > hi) ctx.addIssue({ code: 'custom', path: ['value'], message: `${c.metric === 'latest_nps' ? 'NPS' : 'CSAT'} is between ${lo} and ${hi}` });
  });

const activityCondition = z
  .object({
    kind: z.literal('activity'),
    metric: z.enum(['last_contact', 'open_tickets']),
    op: z.enum(['within', 'not_within', ...compareOps]),
    days: days.optional(),
    value: z.number().int().min(0).max(100000).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.metric === 'last_contact') {
      if (c.op !== 'within' && c.op !== 'not_within') ctx.addIssue({ code: 'custom', path: ['op'], message: 'last contact takes "within" or "not_within"' });
      if (c.days === undefined) ctx.addIssue({ code: 'custom', path: ['days'], message: 'last contact needs the number of days' });
    } else {
      if (c.op === 'within' || c.op === 'not_within') ctx.addIssue({ code: 'custom', path: ['op'], message: 'open tickets take a comparison (eq, neq, gt, gte, lt, lte)' });
      if (c.value === undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: 'open tickets need a number to compare with' });
    }
  });

const healthCondition = z
  .object({
    kind: z.literal('health'),
    metric: z.enum(['score', 'band']),
    op: z.enum(compareOps).optional(),
    value: z.union([z.number().int().min(0).max(100), z.enum(healthBands)]),
  })
  .superRefine((c, ctx) => {
    if (c.metric === 'score') {
      if (typeof c.value !== 'number') ctx.addIssue({ code: 'custom', path: ['value'], message: 'the health score is a number 0..100' });
      if (!c.op) ctx.addIssue({ code: 'custom', path: ['op'], message: 'the health score needs a comparison' });
    } else if (typeof c.value !== 'string') ctx.addIssue({ code: 'custom', path: ['value'], message: `the band is one of ${healthBands.join(', ')}` });
  });

export type FieldCondition = z.infer<typeof fieldCondition>;
export type TagCondition = z.infer<typeof tagCondition>;
export type AttributeCondition = z.infer<typeof attributeCondition>;
export type ConsentCondition = z.infer<typeof consentCondition>;
export type OrdersCondition = z.infer<typeof ordersCondition>;
export type SurveysCondition = z.infer<typeof surveysCondition>;
export type ActivityCondition = z.infer<typeof activityCondition>;
export type HealthCondition = z.infer<typeof healthCondition>;
export interface GroupCondition {
  kind: 'group';
  match: 'all' | 'any';
  conditions: SegmentCondition[];
}
export type SegmentCondition =
  | FieldCondition | TagCondition | AttributeCondition | ConsentCondition | OrdersCondition | SurveysCondition | ActivityCondition | HealthCondition | GroupCondition;
export type ConditionKind = SegmentCondition['kind'];

const groupCondition: z.ZodType<GroupCondition> = z.lazy(() =>
  z.object({ kind: z.literal('group'), match: z.enum(['all', 'any']), conditions: z.array(segmentCondition).max(MAX_CONDITIONS) }),
);

export const segmentCondition: z.ZodType<SegmentCondition> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    fieldCondition, tagCondition, attributeCondition, consentCondition, ordersCondition, surveysCondition, activityCondition, healthCondition,
    groupCondition as unknown as z.ZodObject<{ kind: z.ZodLiteral<'group'> }>,
  ]) as unknown as z.ZodType<SegmentCondition>,
);

/** Groups nested deeper than MAX_SEGMENT_DEPTH (the top level is depth 1), with the path of the first. */
function tooDeep(conditions: SegmentCondition[], depth: number, path: (string | number)[]): (string | number)[] | null {
  for (const [i, c] of conditions.entries()) {
    if (c.kind !== 'group') continue;
    if (depth + 1 > MAX_SEGMENT_DEPTH) return [...path, i];
    const deeper = tooDeep(c.conditions, depth + 1, [...path, i, 'conditions']);
    if (deeper) return deeper;
  }
  return null;
}

export const segmentDefinition = z
  .object({ match: z.enum(['all', 'any']), conditions: z.array(segmentCondition).max(MAX_CONDITIONS) })
  .superRefine((d, ctx) => {
    const at = tooDeep(d.conditions, 1, ['conditions']);
    if (at) ctx.addIssue({ code: 'custom', path: at, message: `groups nest at most ${MAX_SEGMENT_DEPTH} levels deep` });
  });
export type SegmentDefinition = z.infer<typeof segmentDefinition>;

export const createSegmentBody = z.object({
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(1000).default(''),
  definition: segmentDefinition,
});
export type CreateSegmentBody = z.infer<typeof createSegmentBody>;

export const updateSegmentBody = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  description: z.string().trim().max(1000).optional(),
  definition: segmentDefinition.optional(),
});
export type UpdateSegmentBody = z.infer<typeof updateSegmentBody>;

export const previewSegmentBody = z.object({ definition: segmentDefinition });

export const segment = z.object({
  id: uuid,
  name: z.string(),
  description: z.string(),
  definition: z.unknown(),
  createdBy: z.string().nullable(),
  memberCount: z.number().int().nullable(),
  countComputedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Segment = z.infer<typeof segment>;

export const segmentMember = z.object({
  id: uuid,
  name: z.string(),
  company: z.string().nullable(),
  language: z.string().nullable(),
  tags: z.array(z.string()),
  healthScore: z.number().int().nullable(),
  healthBand: z.enum(healthBands).nullable(),
});
export type SegmentMember = z.infer<typeof segmentMember>;

export const previewResponse = z.object({ count: z.number().int(), sample: z.array(segmentMember) });
export type PreviewResponse = z.infer<typeof previewResponse>;

export const listSegmentsQuery = listQuery;
export const segmentMembersQuery = listQuery.omit({ q: true });
