import { toCalendar } from '../../storage/business-calendars.repo.ts';
import type { AgentRow } from '../../storage/routing-agents.repo.ts';
import type { QueueRow } from '../../storage/routing-queues.repo.ts';
import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { isOpen } from '../sla/business-time.ts';
import { catalogOf } from './service-config.ts';
import { busyShare, hasRoom, serves, toRoutingAgent } from './service-shared.ts';
import type { CandidateVerdict, CompiledTarget, SkipCondition, TaskAttributes, TaskKind, TraceEntry, WorkflowRuleSource } from './types.ts';
import { compileWorkflow, matchRule } from './workflow.ts';

export interface TestBoxInput {
  rules?: WorkflowRuleSource[];
  kind: TaskKind;
  attributes: TaskAttributes;
}

interface TargetResult {
  queueId: string;
  queueName: string;
  timeoutSeconds: number | null;
  skipped: string | null;
  eligibleAgents: { userId: string; name: string }[];
  wouldOffer: { userId: string; name: string } | null;
}

/** Why an agent of the queue cannot take the task now (null: eligible). */
function verdict(a: AgentRow, target: CompiledTarget, kind: TaskKind, now: Date): string | null {
  if (target.agentFilter && !target.agentFilter(toRoutingAgent(a))) return 'skills';
  if (a.presence === 'offline') return 'offline';
  if (a.presence === 'away') return 'away';
  if (a.wrapUps > 0 || (a.wrapUpUntil && a.wrapUpUntil > now)) return 'wrap_up';
  if (!hasRoom(a, kind)) return a.load.voice > 0 ? 'voice_busy' : 'at_capacity';
  return null;
}

/** The best eligible agent by the queue's strategy (round robin: the longest idle stands in for the next in turn). */
function pick(q: QueueRow, target: CompiledTarget, eligible: AgentRow[]): AgentRow | null {
  if (eligible.length === 0) return null;
  const score = (a: AgentRow) =>
    q.strategy === 'most_skilled' ? -target.skillScore(toRoutingAgent(a)) : q.strategy === 'least_busy' ? busyShare(a) : a.idleSince.getTime();
  return [...eligible].sort((a, b) => score(a) - score(b) || a.idleSince.getTime() - b.idleSince.getTime() || (a.userId < b.userId ? -1 : 1))[0]!;
}

/**
 * The workflow test box: which rule a task with these attributes matches, and for each of its
 * targets the queue, the skip condition that holds now, the agents eligible now and who would be
 * offered. Nothing is stored.
 */
export function testBoxAction(d: CoreDeps) {
  return async (p: Principal, input: TestBoxInput) => {
    const now = d.clock.now();
    const catalog = await catalogOf(d.repos, p.tenantId);
    const current = await d.repos.routingQueues.currentWorkflow(p.tenantId);
    const rules = input.rules ?? current?.rules;
    const trace: TraceEntry[] = [];
    const at = now.getTime();
    if (!rules) {
      trace.push({ at, step: 'no_rule', message: 'No workflow is saved yet: save one, or send rules to test.' });
      return { ruleId: null, ruleName: null, targets: [], finally: null, trace };
    }
    const wf = compileWorkflow({ rules }, input.rules ? 0 : current!.version, catalog);
    const attrs: TaskAttributes = { kind: input.kind, ...input.attributes };
    const rule = matchRule(wf, attrs);
    if (!rule) {
      trace.push({ at, step: 'no_rule', message: 'No rule matches these attributes: the task would wait without a queue.' });
      return { ruleId: null, ruleName: null, targets: [], finally: null, trace };
    }
    trace.push({ at, step: 'rule_matched', message: `Rule "${rule.name}" matches${rule.filterSource ? `: ${rule.filterSource}` : ' (no filter: every task)'}.`, ruleId: rule.id });
    const [queues, agents] = await Promise.all([d.repos.routingQueues.list(p.tenantId), d.repos.routingAgents.profiles(p.tenantId, { activeOnly: true })]);
    const targets: TargetResult[] = [];
    for (const [i, target] of rule.targets.entries()) {
      const q = queues.find((x) => x.id === target.queueId)!;
      const pool = agents.filter((a) => serves(a, q));
      const verdicts = pool.map((a) => ({ a, why: verdict(a, target, input.kind, now) }));
      const eligible = verdicts.filter((v) => v.why === null).map((v) => v.a);
      const matching = verdicts.filter((v) => v.why !== 'skills');
      const holds = async (c: SkipCondition) => {
        if (c === 'no_agents_logged_in') return matching.every((v) => v.a.presence === 'offline');
        if (c === 'no_agents_available') return eligible.length === 0;
        if (!q.calendarId) return false;
        const cal = await d.repos.businessCalendars.byId(p.tenantId, q.calendarId);
        return cal ? !isOpen(now, toCalendar(cal)) : false;
      };
      let skipped: SkipCondition | null = null;
      for (const c of target.skipWhen) if (await holds(c)) { skipped = c; break; }
      const chosen = pick(q, target, eligible);
      const timeoutSeconds = target.timeoutMs === null ? null : target.timeoutMs / 1000;
      trace.push(skipped
        ? { at, step: 'target_skipped', message: `Target ${i + 1}: queue "${q.name}" is skipped now (${skipped.replace(/_/g, ' ')}).`, queueId: q.id, targetIndex: i, ruleId: rule.id }
        : { at, step: 'target', message: `Target ${i + 1}: queue "${q.name}"${target.agentsSource ? ` with agents ${target.agentsSource}` : ''}${timeoutSeconds ? ` for ${timeoutSeconds} s` : ''}.`, queueId: q.id, targetIndex: i, ruleId: rule.id });
      const candidates: CandidateVerdict[] = verdicts.slice(0, 20).map((v) => ({ userId: v.a.userId, chosen: v.a === chosen, reason: v.a === chosen ? 'chosen' : (v.why ?? 'outranked') }));
      trace.push({
        at, step: 'considered', queueId: q.id, targetIndex: i, candidates,
        message: `${pool.length} agent${pool.length === 1 ? '' : 's'} of the queue considered: ${eligible.length} eligible${chosen ? `; ${chosen.name} would be offered (${q.strategy.replace(/_/g, ' ')})` : ''}.`,
      });
      targets.push({
        queueId: q.id, queueName: q.name, timeoutSeconds, skipped,
        eligibleAgents: eligible.map((a) => ({ userId: a.userId, name: a.name })),
        wouldOffer: chosen ? { userId: chosen.userId, name: chosen.name } : null,
      });
    }
    return { ruleId: rule.id, ruleName: rule.name, targets, finally: rule.finally, trace };
  };
}
