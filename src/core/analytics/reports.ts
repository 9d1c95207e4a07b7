import type { Dimension, Metrics, ReportName, ReportQuery, ReportResponse, ReportRow } from '../../contracts/analytics.ts';
import type { DimColumn, RollupFilter } from '../../storage/analytics.repo.ts';
import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { invalid, notFound } from '../errors.ts';
import { compileSegment } from '../segments/compile.ts';
import { storedDefinition } from '../segments/evaluate.ts';
import { counterIndex, presenceContributions, zeroCounters, type Contribution, type Counters } from './contributions.ts';
import { addCounters, toMetrics, type Scope } from './metrics.ts';
import { isLocalMidnight, labelToInstant, localLabel, resolveRange, seriesLabels, truncate } from './range.ts';

/**
 * Historical reports: every figure from the rollups (or, for tag and segment cuts, from the facts
 * whose contributions make those rollups), by the definitions of METRICS.md. One `run` serves the
 * API, CSV export and scheduled reports.
 */

const defaultGroup: Partial<Record<ReportName, Dimension>> = { queues: 'queue', agents: 'agent', channels: 'channel', teams: 'team', inboxes: 'inbox', tags: 'tag', intents: 'intent', fcr: 'channel' };
const dimColumn: Record<Exclude<Dimension, 'tag' | 'intent' | 'segment'>, DimColumn> = { queue: 'queue_id', channel: 'channel', team: 'team_id', agent: 'agent_id', inbox: 'inbox_id' };
/** Facts are read this far before the range, so a conversation opened earlier but resolved inside it still counts. */
const FACT_LOOKBACK_MS = 31 * 86_400_000;
const histogramEdgesSec = [0, 10, 20, 30, 60, 120, 300, 600, 1800, 3600, 4 * 3600, 8 * 3600, 24 * 3600, 3 * 86400, 7 * 86400];

export interface ReportsOptions {
  /** Folds pending events now (so a report right after an action sees it); optional. */
  catchUp?: (tenantId: string) => Promise<unknown>;
}

export function createReportsService(d: CoreDeps, o: ReportsOptions = {}) {
  async function segmentMembers(tenantId: string, segmentId: string): Promise<string[]> {
    const s = await d.repos.segments.byId(tenantId, segmentId);
    if (!s) throw notFound('Segment');
    const where = compileSegment(storedDefinition(s.definition, s.id), d.clock.now());
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const batch = await d.repos.segments.exportBatch(tenantId, where, after, 5000);
      ids.push(...batch.map((r) => r.id));
      if (batch.length < 5000) return ids;
      after = batch[batch.length - 1]!.id;
    }
  }

  return {
    async run(p: Principal, report: ReportName, q: ReportQuery): Promise<ReportResponse> {
      const tenant = (await d.repos.tenants.byId(p.tenantId))!;
      const tz = tenant.timeZone;
      const range = resolveRange(q.from, q.to, q.resolution);
      const groupBy = q.groupBy ?? defaultGroup[report];
      if (report === 'agents' && groupBy !== 'agent') throw invalid('The agents report is grouped by agent; leave groupBy out or use another report');
      if (o.catchUp) await o.catchUp(p.tenantId);
      const agentScope = q.agentId !== undefined || q.teamId !== undefined || groupBy === 'agent' || groupBy === 'team';
      const scope: Scope = { queueFigures: !agentScope, agentRows: agentScope };
      const kinds: RollupFilter['kinds'] = agentScope ? ['a', 'c', 'p'] : ['q', 'c', 's'];
      const filter: RollupFilter = { kinds, queueId: q.queueId, channel: q.channel, inboxId: q.inboxId, agentId: q.agentId, teamId: q.teamId };
      const customerIds = q.segmentId ? await segmentMembers(p.tenantId, q.segmentId) : undefined;
      const fromFacts = q.tag !== undefined || q.intent !== undefined || customerIds !== undefined || groupBy === 'tag' || groupBy === 'intent' || groupBy === 'segment';
      if (groupBy === 'segment') throw invalid('Reports filter by a segment (segmentId) but cannot be split by segments; use groupBy=tag, intent, queue, channel, team, agent or inbox');
      const labels = await d.repos.analyticsRead.labels(p.tenantId);

      const sumRange = async (from: number, to: number, timeUnit?: 'series' | 'dow_hour', by?: Dimension) => {
        if (fromFacts) return sumFacts(from, to, timeUnit, by);
        const daily = ['day', 'week', 'month'].includes(range.resolution) && isLocalMidnight(from, tz) && isLocalMidnight(to, tz) && timeUnit !== 'dow_hour';
        const unit = timeUnit === 'dow_hour' ? 'dow_hour' : timeUnit === 'series' ? ({ '15m': 'minute15', '30m': 'minute30', hour: 'hour', day: 'day', week: 'week', month: 'month' } as const)[range.resolution] : undefined;
        return d.repos.analytics.sumRollups(p.tenantId, { table: daily ? 'day' : '15m', from: new Date(from), to: new Date(to), filter, timeZone: tz, timeUnit: unit, by: by ? dimColumn[by as keyof typeof dimColumn] : undefined });
      };
      // Tag and segment cuts: the facts' own contributions, summed here with the same counters.
      const sumFacts = async (from: number, to: number, timeUnit?: 'series' | 'dow_hour', by?: Dimension) => {
        const out = new Map<string, { t: string | null; dim: string | null; v: Counters }>();
        for (const kind of ['task', 'conversation'] as const) {
          const facts = await d.repos.analytics.factsInRange(p.tenantId, { kind, from: new Date(from - FACT_LOOKBACK_MS), to: new Date(to), queueId: q.queueId, channel: q.channel, inboxId: q.inboxId, tag: q.tag, intent: q.intent, customerIds });
          for (const f of facts) {
            for (const c of f.contributions as Contribution[]) {
              if (c.b < from || c.b >= to || !kinds.includes(c.k)) continue;
              if (q.agentId !== undefined && c.agent !== q.agentId) continue;
              if (q.teamId !== undefined && c.team !== q.teamId) continue;
              const t = timeUnit === 'series' ? localLabel(truncate(c.b, range.resolution, tz), tz) : timeUnit === 'dow_hour' ? dowHour(c.b, tz) : null;
              const dims = by === 'tag' ? (f.tags.length ? f.tags : ['']) : by === 'intent' ? [f.intent] : [by ? String(c[by === 'agent' ? 'agent' : by === 'team' ? 'team' : by === 'inbox' ? 'inbox' : by === 'queue' ? 'queue' : 'channel']) : null];
              for (const dim of dims) {
                const key = `${t}|${dim}`;
                const r = out.get(key) ?? { t, dim, v: zeroCounters() };
                addCounters(r.v, c.v);
                out.set(key, r);
              }
            }
          }
        }
        return [...out.values()];
      };
      const total = (rows: { v: Counters }[]) => rows.reduce((acc, r) => addCounters(acc, r.v), zeroCounters());

      const span = range.to - range.from;
      // Totals are the sum of the series (every row of the range falls in one interval): one query fewer.
      const [seriesRows, dimRows, prevRows, prevDimRows] = await Promise.all([
        sumRange(range.from, range.to, 'series'),
        groupBy ? sumRange(range.from, range.to, undefined, groupBy) : Promise.resolve([]),
        q.compare === 'previous' ? sumRange(range.from - span, range.from) : Promise.resolve(null),
        q.compare === 'previous' && groupBy ? sumRange(range.from - span, range.from, undefined, groupBy) : Promise.resolve(null),
      ]);
      // Presence time still running (since each agent's last change) is added live; the rollups get it when it closes.
      if (agentScope && !fromFacts && q.queueId === undefined && q.channel === undefined && q.inboxId === undefined) {
        const now = d.clock.now().getTime();
        for (const op of await d.repos.analyticsRead.openPresence(p.tenantId)) {
          if ((q.agentId !== undefined && op.agentId !== q.agentId) || (q.teamId !== undefined && op.teamId !== q.teamId)) continue;
          for (const c of presenceContributions(op.agentId, op.teamId, op.presence, Math.max(op.since, range.from), Math.min(now, range.to))) {
            seriesRows.push({ t: localLabel(truncate(c.b, range.resolution, tz), tz), dim: null, v: c.v });
            if (groupBy === 'agent' || groupBy === 'team') dimRows.push({ t: null, dim: groupBy === 'agent' ? c.agent : c.team, v: c.v });
          }
        }
      }
      const seriesMap = new Map<string, Counters>();
      for (const r of seriesRows) addCounters(seriesMap.get(r.t ?? '') ?? seriesMap.set(r.t ?? '', zeroCounters()).get(r.t ?? '')!, r.v);
      const dimMap = new Map<string, Counters>();
      for (const r of dimRows) addCounters(dimMap.get(r.dim ?? '') ?? dimMap.set(r.dim ?? '', zeroCounters()).get(r.dim ?? '')!, r.v);
      const series = seriesLabels(range.from, range.to, range.resolution, tz).map((label) => ({
        start: new Date(labelToInstant(label, tz)).toISOString(),
        metrics: toMetrics(seriesMap.get(label) ?? zeroCounters(), scope),
      }));
      const prevByDim = new Map((prevDimRows ?? []).map((r) => [r.dim ?? '', r.v]));
      const labelOf = (dim: Dimension, key: string): string => {
        if (key === '') return '—';
        if (dim === 'queue' || dim === 'agent' || dim === 'team' || dim === 'inbox') return labels[dim].get(key) ?? key;
        return key;
      };
      let rows: ReportRow[] = groupBy
        ? [...dimMap].filter(([dim]) => dim !== '' || groupBy === 'tag' || groupBy === 'intent').map(([dim, v]) => ({
            key: dim, label: labelOf(groupBy, dim), metrics: toMetrics(v, scope),
            ...(prevDimRows && { previous: toMetrics(prevByDim.get(dim) ?? zeroCounters(), scope) }),
          }))
        : [];
      const sortKey = q.sort ?? (report === 'agents' ? 'handled' : undefined);
      if (sortKey) {
        const dir = q.order === 'asc' ? 1 : -1;
        rows = rows.sort((a, b) => {
          const x = a.metrics[sortKey] ?? null;
          const y = b.metrics[sortKey] ?? null;
          if (x === null || y === null) return x === y ? a.label.localeCompare(b.label) : x === null ? 1 : -1;
          return (x - y) * dir || a.label.localeCompare(b.label);
        });
      }
      const res: ReportResponse = {
        report, from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString(), timeZone: tz, resolution: range.resolution,
        ...(range.note && { resolutionNote: range.note }), ...(groupBy && { groupBy }),
        totals: toMetrics(total(seriesRows), scope), series, rows,
        ...(prevRows && { previous: toMetrics(total(prevRows), scope), previousFrom: new Date(range.from - span).toISOString(), previousTo: new Date(range.from).toISOString() }),
      };
      if (report === 'busiest-hours') {
        const heat = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
        for (const r of await sumRange(range.from, range.to, 'dow_hour')) {
          const [dow, hour] = (r.t ?? '0:0').split(':').map(Number);
          const row = heat[dow!];
          if (row) row[hour!] = (row[hour!] ?? 0) + (r.v[counterIndex[agentScope ? 'handled' : 'offered']] ?? 0);
        }
        res.heatmap = heat;
      }
      if (report === 'distributions') {
        const measure = q.measure ?? 'firstResponse';
        const dist = await d.repos.analyticsRead.distribution(p.tenantId, measure, new Date(range.from), new Date(range.to), histogramEdgesSec.map((s) => s * 1000),
          { queueId: q.queueId, channel: q.channel, inboxId: q.inboxId, agentId: q.agentId, teamId: q.teamId, tag: q.tag, intent: q.intent, customerIds });
        res.percentiles = { count: dist.count, medianSeconds: dist.p50 === null ? null : dist.p50 / 1000, p90Seconds: dist.p90 === null ? null : dist.p90 / 1000 };
        res.histogram = histogramEdgesSec.map((from, i) => ({ fromSeconds: from, toSeconds: histogramEdgesSec[i + 1] ?? null, count: dist.buckets.get(i + 1) ?? 0 }));
      }
      if (report === 'dispositions') {
        const list = await d.repos.analyticsRead.dispositions(p.tenantId, new Date(range.from), new Date(range.to), { queueId: q.queueId, channel: q.channel, inboxId: q.inboxId, agentId: q.agentId, teamId: q.teamId, tag: q.tag, intent: q.intent, customerIds });
        res.rows = list.map((x) => ({ key: x.code ?? '', label: x.code ?? '—', metrics: { resolved: x.count, fcrResolved: x.fcr, fcrRate: x.count > 0 ? x.fcr / x.count : null } as Metrics }));
      }
      if (report === 'surveys') {
        res.comments = (await d.repos.analyticsRead.comments(p.tenantId, new Date(range.from), new Date(range.to), 20))
          .map((c) => ({ kind: c.kind, score: c.score, comment: c.comment, at: c.at.toISOString(), conversationId: c.conversationId }));
      }
      return res;
    },

    async status(p: Principal) {
      const s = await d.repos.analytics.cursor(p.tenantId);
      if (!s) throw notFound('Workspace');
      return s;
    },
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;

const dowFmt = new Map<string, Intl.DateTimeFormat>();
function dowHour(ms: number, tz: string): string {
  let f = dowFmt.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, weekday: 'short', hour: '2-digit', hourCycle: 'h23' });
    dowFmt.set(tz, f);
  }
  const parts = f.formatToParts(new Date(ms));
  const wd = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.find((x) => x.type === 'weekday')!.value);
  return `${wd}:${Number(parts.find((x) => x.type === 'hour')!.value)}`;
}
