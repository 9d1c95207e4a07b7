import type { MetricName, ReportName } from '../../../../src/contracts/analytics.ts';

/** What each report screen shows: KPI tiles, the metrics on the time chart, the table's columns. */
export interface ReportConfig {
  tiles: MetricName[];
  chart: MetricName[];
  columns: MetricName[];
  /** A section of its own below the chart. */
  special?: 'leaderboard' | 'heatmap' | 'distribution' | 'comments';
}

const volume: MetricName[] = ['offered', 'answered', 'abandoned', 'abandonRate', 'serviceLevel', 'asaSeconds', 'ahtSeconds'];

export const reportConfig: Record<ReportName, ReportConfig> = {
  overview: { tiles: ['offered', 'answered', 'abandonRate', 'serviceLevel', 'asaSeconds', 'ahtSeconds', 'csat', 'fcrRate'], chart: ['offered', 'answered', 'abandoned'], columns: volume },
  queues: { tiles: ['offered', 'answered', 'abandonRate', 'serviceLevel', 'asaSeconds'], chart: ['offered', 'answered', 'abandoned'], columns: volume },
  agents: {
    tiles: ['handled', 'ahtSeconds', 'occupancy', 'transfers', 'csat'],
    chart: ['handled'],
    columns: ['handled', 'ahtSeconds', 'handleSeconds', 'occupancy', 'loggedInSeconds', 'availableSeconds', 'transfers', 'transferRate', 'firstResponseAvgSeconds', 'resolved', 'csat'],
    special: 'leaderboard',
  },
  channels: { tiles: ['conversations', 'offered', 'answered', 'firstResponseAvgSeconds', 'csat'], chart: ['conversations', 'offered'], columns: ['conversations', 'offered', 'answered', 'abandonRate', 'firstResponseAvgSeconds', 'resolutionAvgSeconds', 'csat'] },
  teams: { tiles: ['handled', 'ahtSeconds', 'serviceLevel', 'csat'], chart: ['handled'], columns: ['handled', 'ahtSeconds', 'transfers', 'serviceLevel', 'resolved', 'csat'] },
  inboxes: { tiles: ['conversations', 'firstResponseAvgSeconds', 'resolved'], chart: ['conversations'], columns: ['conversations', 'firstResponses', 'firstResponseAvgSeconds', 'resolved', 'resolutionAvgSeconds', 'csat'] },
  sla: { tiles: ['slaBreaches', 'slaFirstResponseBreaches', 'slaResolutionBreaches', 'serviceLevel'], chart: ['slaBreaches'], columns: ['slaBreaches', 'slaFirstResponseBreaches', 'slaResolutionBreaches', 'serviceLevel', 'firstResponseAvgSeconds', 'resolutionAvgSeconds'] },
  surveys: { tiles: ['csat', 'csatResponses', 'nps', 'npsResponses'], chart: ['csat'], columns: ['csat', 'csatResponses', 'nps', 'npsResponses', 'promoters', 'detractors'], special: 'comments' },
  tags: { tiles: ['conversations', 'resolved'], chart: ['conversations'], columns: ['conversations', 'resolved', 'resolutionAvgSeconds', 'csat', 'sentiment'] },
  intents: { tiles: ['conversations', 'resolved', 'csat'], chart: ['conversations'], columns: ['conversations', 'resolved', 'resolutionAvgSeconds', 'fcrRate', 'csat'] },
  dispositions: { tiles: ['handled', 'ahtSeconds'], chart: ['handled'], columns: ['handled', 'ahtSeconds', 'transfers'] },
  'busiest-hours': { tiles: ['offered', 'answered'], chart: [], columns: ['offered', 'answered'], special: 'heatmap' },
  distributions: { tiles: [], chart: [], columns: [], special: 'distribution' },
  fcr: { tiles: ['fcrRate', 'fcrResolved', 'resolved'], chart: ['fcrRate'], columns: ['resolved', 'fcrResolved', 'fcrRate'] },
};

/** The reports in the side navigation, in order (inboxes is reachable by URL and API). */
export const navReports: ReportName[] = ['overview', 'queues', 'agents', 'channels', 'teams', 'sla', 'surveys', 'tags', 'intents', 'dispositions', 'busiest-hours', 'distributions', 'fcr'];

/** Figures whose conversations the drill-down API can list. */
export const drillable: ReadonlySet<MetricName> = new Set<MetricName>([
  'offered', 'answered', 'abandoned', 'shortAbandoned', 'answeredInServiceLevel', 'handled', 'transfers', 'resolved', 'fcrResolved', 'slaBreaches', 'csatResponses', 'npsResponses',
]);

/** For a rate or average, the count whose conversations stand behind it. */
export const drillFor: Partial<Record<MetricName, MetricName>> = {
  abandonRate: 'abandoned', serviceLevel: 'answeredInServiceLevel', asaSeconds: 'answered', ahtSeconds: 'handled', handleSeconds: 'handled',
  transferRate: 'transfers', fcrRate: 'fcrResolved', csat: 'csatResponses', nps: 'npsResponses', resolutionAvgSeconds: 'resolved',
  slaFirstResponseBreaches: 'slaBreaches', slaResolutionBreaches: 'slaBreaches', promoters: 'npsResponses', detractors: 'npsResponses',
};

export function drillMetric(m: MetricName): MetricName | null {
  if (drillable.has(m)) return m;
  return drillFor[m] ?? null;
}

/** Rates 0..1 shown as percentages; durations in seconds; higher is worse for these. */
export const lowerIsBetter: ReadonlySet<MetricName> = new Set<MetricName>([
  'abandoned', 'shortAbandoned', 'abandonRate', 'asaSeconds', 'ahtSeconds', 'handleSeconds', 'transfers', 'transferRate', 'escalations', 'escalationRate',
  'firstResponseAvgSeconds', 'resolutionAvgSeconds', 'slaBreaches', 'slaFirstResponseBreaches', 'slaResolutionBreaches', 'detractors',
]);

export type MetricKind = 'count' | 'rate' | 'seconds' | 'score';

export function metricKind(m: MetricName): MetricKind {
  if (m.endsWith('Seconds')) return 'seconds';
  if (m.endsWith('Rate') || m === 'serviceLevel' || m === 'csat' || m === 'occupancy') return 'rate';
  if (m === 'nps' || m === 'sentiment') return 'score';
  return 'count';
}
