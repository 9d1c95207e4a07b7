import { z } from 'zod';

/**
 * Wallboard alert rules (issue 8): a threshold on one live figure of a queue. A rule without a
 * queue applies to every queue; a queue's own rule for the same metric and comparator wins over it.
 */
export const alertMetrics = [
  'longest_wait_seconds',
  'waiting',
  'service_level_today',
  'service_level_interval',
  'abandon_rate_today',
  'asa_seconds_today',
  'aht_seconds_today',
  'agents_available',
] as const;
export type AlertMetric = (typeof alertMetrics)[number];
export const alertMetric = z.enum(alertMetrics);

export const alertComparators = ['above', 'below'] as const;
export type AlertComparator = (typeof alertComparators)[number];
export const alertComparator = z.enum(alertComparators);

export const alertRule = z.object({
  id: z.uuid(),
  /** null: every queue. */
  queueId: z.uuid().nullable(),
  metric: alertMetric,
  /** above: alert while the figure is greater than the threshold; below: while it is less. */
  comparator: alertComparator,
  /** Seconds for *_seconds, a fraction 0..1 for service level and abandon rate, a count otherwise. */
  threshold: z.number(),
  enabled: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type AlertRule = z.infer<typeof alertRule>;

const threshold = z.number().finite();

export const createAlertRuleBody = z
  .object({
    queueId: z.uuid().nullable().default(null),
    metric: alertMetric,
    comparator: alertComparator,
    threshold,
    enabled: z.boolean().default(true),
  })
  .strict();
export type CreateAlertRuleBody = z.infer<typeof createAlertRuleBody>;

export const updateAlertRuleBody = z
  .object({
    queueId: z.uuid().nullable(),
    metric: alertMetric,
    comparator: alertComparator,
    threshold,
    enabled: z.boolean(),
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'Send at least one field to change' });
export type UpdateAlertRuleBody = z.infer<typeof updateAlertRuleBody>;

/** A rule whose threshold a queue's figure crosses now. */
export const wallboardAlert = z.object({
  ruleId: z.uuid(),
  queueId: z.uuid(),
  metric: alertMetric,
  comparator: alertComparator,
  value: z.number(),
  threshold: z.number(),
});
export type WallboardAlert = z.infer<typeof wallboardAlert>;
