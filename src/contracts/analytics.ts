import { z } from 'zod';

/**
 * Historical reports (issue 8): one request shape for every report, one figure vocabulary.
 * Every figure is defined in METRICS.md and computed from the events table through rollups
 * (src/core/analytics). Times are ISO instants; durations are seconds (one decimal).
 */

/** The reports the API serves: GET /api/v1/analytics/reports/:report. */
export const reportNames = [
  'overview', 'queues', 'agents', 'channels', 'teams', 'inboxes', 'sla', 'surveys', 'tags', 'intents', 'dispositions', 'busiest-hours', 'distributions', 'fcr',
] as const;
export type ReportName = (typeof reportNames)[number];

/** Interval sizes of a report's time series; `auto` picks a readable one (15m up to 2 days, hour up to 14, day up to 186, week up to 732, else month); an explicit one must give ≤ 2,000 intervals. */
export const resolutions = ['15m', '30m', 'hour', 'day', 'week', 'month'] as const;
export type Resolution = (typeof resolutions)[number];

/** Dimensions a report can be split by or filtered on. */
export const dimensions = ['queue', 'channel', 'team', 'agent', 'inbox', 'tag', 'intent', 'segment'] as const;
export type Dimension = (typeof dimensions)[number];

/** Every figure a report may carry. Counts are integers; rates 0..1; durations seconds; null = nothing to measure. */
export const metricNames = [
  'offered', 'answered', 'abandoned', 'shortAbandoned', 'abandonRate', 'answeredInServiceLevel', 'serviceLevel', 'asaSeconds',
  'handled', 'handleSeconds', 'ahtSeconds', 'transfers', 'transferRate', 'escalations', 'escalationRate',
  'conversations', 'resolved', 'firstResponses', 'firstResponseAvgSeconds', 'resolutionAvgSeconds',
  'fcrRate', 'fcrResolved', 'slaBreaches', 'slaFirstResponseBreaches', 'slaResolutionBreaches',
  'csat', 'csatResponses', 'nps', 'npsResponses', 'promoters', 'detractors', 'sentiment', 'sentimentMessages',
  'occupancy', 'loggedInSeconds', 'availableSeconds',
] as const;
export type MetricName = (typeof metricNames)[number];
export const metrics = z.partialRecord(z.enum(metricNames), z.number().nullable());
export type Metrics = z.infer<typeof metrics>;

/** Query of every report (and of drill-down and CSV export). */
export const reportQuery = z.object({
  /** Inclusive start, ISO instant. */
  from: z.iso.datetime({ offset: true }),
  /** Exclusive end, ISO instant; must be after `from`. */
  to: z.iso.datetime({ offset: true }),
  resolution: z.enum([...resolutions, 'auto']).default('auto'),
  /** Split rows by one dimension (default per report: queues → queue, agents → agent, ...). */
  groupBy: z.enum(dimensions).optional(),
  /** Filters, each optional. */
  queueId: z.uuid().optional(),
  channel: z.string().max(40).optional(),
  teamId: z.uuid().optional(),
  agentId: z.uuid().optional(),
  inboxId: z.uuid().optional(),
  tag: z.string().max(100).optional(),
  /** The bot's intent at handover (flows). */
  intent: z.string().max(100).optional(),
  segmentId: z.uuid().optional(),
  /** `previous`: also compute the same-length period just before, as `previous`. */
  compare: z.enum(['none', 'previous']).default('none'),
  /** agents report: the leaderboard's metric (default handled) and direction. */
  sort: z.enum(metricNames).optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
  /** Response as CSV (the rows table, or the series when the report has no rows). */
  format: z.enum(['json', 'csv']).default('json'),
  /** distributions: which times. */
  measure: z.enum(['firstResponse', 'resolution', 'wait', 'handle']).optional(),
}).strict();
export type ReportQuery = z.infer<typeof reportQuery>;

export const reportRow = z.object({
  /** The dimension value (queue id, channel name, agent id, tag, ...). */
  key: z.string(),
  /** A display name (queue name, agent name, ...). */
  label: z.string(),
  metrics,
  previous: metrics.optional(),
});
export type ReportRow = z.infer<typeof reportRow>;

export const seriesPoint = z.object({ start: z.iso.datetime(), metrics });

export const reportResponse = z.object({
  report: z.enum(reportNames),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  timeZone: z.string(),
  resolution: z.enum(resolutions),
  /** Set when `auto` or a too-fine resolution was changed: says why. */
  resolutionNote: z.string().optional(),
  groupBy: z.enum(dimensions).optional(),
  totals: metrics,
  previous: metrics.optional(),
  /** Previous period bounds when compare=previous. */
  previousFrom: z.iso.datetime().optional(),
  previousTo: z.iso.datetime().optional(),
  series: z.array(seriesPoint),
  rows: z.array(reportRow),
  /** busiest-hours: offered per [day of week 0=Monday..6][hour 0..23], tenant time zone. */
  heatmap: z.array(z.array(z.number().int())).optional(),
  /** distributions: counts per bucket [fromSeconds, toSeconds), and percentiles of the measure. */
  histogram: z.array(z.object({ fromSeconds: z.number(), toSeconds: z.number().nullable(), count: z.number().int() })).optional(),
  percentiles: z.object({ count: z.number().int(), medianSeconds: z.number().nullable(), p90Seconds: z.number().nullable() }).optional(),
  /** surveys: recent comments (newest first, at most 20). */
  comments: z.array(z.object({ kind: z.enum(['csat', 'nps']), score: z.number().int(), comment: z.string(), at: z.iso.datetime(), conversationId: z.uuid().nullable() })).optional(),
});
export type ReportResponse = z.infer<typeof reportResponse>;

/** Drill-down: the tasks/conversations behind a figure. GET /api/v1/analytics/drill */
export const drillQuery = reportQuery.omit({ resolution: true, groupBy: true, compare: true, sort: true, order: true, format: true, measure: true }).extend({
  /** Which figure: offered, answered, abandoned, shortAbandoned, answeredInServiceLevel, handled, transfers, resolved, fcrResolved, slaBreaches, csatResponses, npsResponses. */
  metric: z.enum(metricNames),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
}).strict();
export type DrillQuery = z.infer<typeof drillQuery>;

export const drillItem = z.object({
  conversationId: z.uuid().nullable(),
  taskId: z.uuid().nullable(),
  customerId: z.uuid().nullable(),
  customerName: z.string().nullable(),
  channel: z.string().nullable(),
  queueId: z.uuid().nullable(),
  agentId: z.uuid().nullable(),
  at: z.iso.datetime(),
  /** The measure behind the figure, in seconds when it is a time (wait, handle, first response). */
  valueSeconds: z.number().nullable(),
  outcome: z.string().nullable(),
});
export const drillPage = z.object({ items: z.array(drillItem), nextCursor: z.string().nullable() });
export type DrillItem = z.infer<typeof drillItem>;

/** Scheduled reports, mailed as CSV. /api/v1/analytics/schedules */
export const scheduleBody = z.object({
  name: z.string().trim().min(1).max(120),
  report: z.enum(reportNames),
  /** The report's filters; from/to are replaced by the schedule's period. */
  filters: reportQuery.pick({ groupBy: true, queueId: true, channel: true, teamId: true, agentId: true, inboxId: true, tag: true, intent: true, segmentId: true, resolution: true }).partial().default({}),
  /** daily: yesterday; weekly: last Monday..Sunday; monthly: last calendar month (tenant time zone). */
  frequency: z.enum(['daily', 'weekly', 'monthly']),
  /** Local hour of sending, 0..23. */
  hour: z.number().int().min(0).max(23).default(7),
  recipients: z.array(z.email()).min(1).max(20),
  enabled: z.boolean().default(true),
}).strict();
export type ScheduleBody = z.infer<typeof scheduleBody>;
export const schedule = scheduleBody.extend({
  id: z.uuid(),
  ownerId: z.uuid(),
  lastSentAt: z.iso.datetime().nullable(),
  nextRunAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
});
export type Schedule = z.infer<typeof schedule>;
/** PATCH /api/v1/analytics/schedules/:id: only the fields sent change (no defaults filled in). */
export const scheduleUpdateBody = z.object({
  name: scheduleBody.shape.name,
  report: scheduleBody.shape.report,
  filters: scheduleBody.shape.filters.unwrap(),
  frequency: scheduleBody.shape.frequency,
  hour: z.number().int().min(0).max(23),
  recipients: scheduleBody.shape.recipients,
  enabled: z.boolean(),
}).partial().strict();
export type ScheduleUpdateBody = z.infer<typeof scheduleUpdateBody>;

/** Rollup state and rebuild: GET/POST /api/v1/analytics/rollups */
export const rollupStatus = z.object({
  /** Last event seq folded into the rollups. */
  processedSeq: z.number().int(),
  /** The tenant's last event seq. */
  currentSeq: z.number().int(),
  lagEvents: z.number().int(),
  rebuild: z.object({ state: z.enum(['idle', 'running', 'failed']), progress: z.number().min(0).max(1), startedAt: z.iso.datetime().nullable(), finishedAt: z.iso.datetime().nullable(), error: z.string().nullable() }),
});
export type RollupStatus = z.infer<typeof rollupStatus>;
