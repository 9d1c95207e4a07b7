import type { DrillItem, DrillQuery, MetricName } from '../../contracts/analytics.ts';
import type { DrillCondition } from '../../storage/analytics.repo.ts';
import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { invalid, notFound } from '../errors.ts';
import { compileSegment } from '../segments/compile.ts';
import { storedDefinition } from '../segments/evaluate.ts';
import { resolveRange } from './range.ts';

/**
 * Drill-down: the tasks or conversations behind a figure, by the same facts the rollups were
 * summed from (the figure's count and the list's length agree for the same range and filters).
 */

type Rule = { kind: 'task' | 'conversation'; time: 'at' | 'resolved_at' | 'first_response_at'; where?: DrillCondition; value: 'wait' | 'handle' | 'firstResponse' | 'resolution' | null };
const rules: Partial<Record<MetricName, Rule>> = {
  offered: { kind: 'task', time: 'at', value: 'wait' },
  answered: { kind: 'task', time: 'at', where: 'answered', value: 'wait' },
  asaSeconds: { kind: 'task', time: 'at', where: 'answered', value: 'wait' },
  answeredInServiceLevel: { kind: 'task', time: 'at', where: 'in_sl', value: 'wait' },
  serviceLevel: { kind: 'task', time: 'at', where: 'not_short', value: 'wait' },
  abandoned: { kind: 'task', time: 'at', where: 'abandoned', value: 'wait' },
  abandonRate: { kind: 'task', time: 'at', where: 'abandoned', value: 'wait' },
  shortAbandoned: { kind: 'task', time: 'at', where: 'short_abandoned', value: 'wait' },
  handled: { kind: 'task', time: 'resolved_at', where: 'handled', value: 'handle' },
  ahtSeconds: { kind: 'task', time: 'resolved_at', where: 'handled', value: 'handle' },
  transfers: { kind: 'task', time: 'resolved_at', where: 'transferred', value: 'handle' },
  conversations: { kind: 'conversation', time: 'at', value: null },
  firstResponses: { kind: 'conversation', time: 'first_response_at', value: 'firstResponse' },
  firstResponseAvgSeconds: { kind: 'conversation', time: 'first_response_at', value: 'firstResponse' },
  resolved: { kind: 'conversation', time: 'resolved_at', where: 'resolved', value: 'resolution' },
  resolutionAvgSeconds: { kind: 'conversation', time: 'resolved_at', where: 'resolved', value: 'resolution' },
  fcrResolved: { kind: 'conversation', time: 'resolved_at', where: 'fcr', value: 'resolution' },
  fcrRate: { kind: 'conversation', time: 'resolved_at', where: 'not_fcr', value: 'resolution' },
};

const encode = (at: Date, id: string) => Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
function decode(c: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(c, 'base64url').toString().split('|');
  const d = new Date(at ?? '');
  if (!id || Number.isNaN(d.getTime())) throw invalid('The cursor is not one this list gave out; start again without it');
  return { at: d, id };
}

export function createDrillService(d: CoreDeps) {
  return {
    async drill(p: Principal, q: DrillQuery): Promise<{ items: DrillItem[]; nextCursor: string | null }> {
      const rule = rules[q.metric];
      if (!rule) throw invalid(`"${q.metric}" cannot be drilled into; drill into offered, answered, abandoned, shortAbandoned, answeredInServiceLevel, handled, transfers, conversations, firstResponses, resolved or fcrResolved`);
      const range = resolveRange(q.from, q.to, 'auto');
      let customerIds: string[] | undefined;
      if (q.segmentId) {
        const s = await d.repos.segments.byId(p.tenantId, q.segmentId);
        if (!s) throw notFound('Segment');
        customerIds = (await d.repos.segments.exportBatch(p.tenantId, compileSegment(storedDefinition(s.definition, s.id), d.clock.now()), null, 100_000)).map((r) => r.id);
      }
      const facts = await d.repos.analytics.factsInRange(p.tenantId, {
        kind: rule.kind, from: new Date(range.from), to: new Date(range.to), timeColumn: rule.time, queueId: q.queueId, channel: q.channel, inboxId: q.inboxId,
        agentId: q.agentId, teamId: q.teamId, tag: q.tag, intent: q.intent, customerIds, condition: rule.where, after: q.cursor ? decode(q.cursor) : undefined, limit: q.limit + 1,
      });
      const page = facts.slice(0, q.limit);
      const names = await d.repos.analyticsRead.customerNames(p.tenantId, [...new Set(page.map((f) => f.customerId).filter((x): x is string => !!x))]);
      const value = (f: (typeof page)[number]): number | null => {
        const ms = rule.value === 'wait' ? f.waitMs : rule.value === 'handle' ? f.handleMs : rule.value === 'firstResponse' ? f.firstResponseMs : rule.value === 'resolution' ? f.resolutionMs : null;
        return ms === null ? null : Math.round(ms / 100) / 10;
      };
      const items = page.map((f) => ({
        conversationId: f.conversationId, taskId: f.factId.startsWith('t:') ? f.factId.slice(2) : null, customerId: f.customerId,
        customerName: f.customerId ? names.get(f.customerId) ?? null : null, channel: f.channel || null, queueId: f.queueId || null, agentId: f.agentId || null,
        at: f.sortAt.toISOString(), valueSeconds: value(f), outcome: f.outcome,
      }));
      const last = page[page.length - 1];
      return { items, nextCursor: facts.length > q.limit && last ? encode(last.sortAt, last.factId) : null };
    },
  };
}
export type DrillService = ReturnType<typeof createDrillService>;
