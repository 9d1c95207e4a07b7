import type { CreateAlertRuleBody, UpdateAlertRuleBody, WallboardAlert } from '../../contracts/wallboard-alerts.ts';
import type { Repos } from '../../storage/repos.ts';
import type { AlertRuleFields, AlertRuleRow } from '../../storage/wallboard-alerts.repo.ts';
import { writeAudit } from '../audit.ts';
import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { draftEvent } from '../events/draft.ts';
import { evaluateAlerts, thresholdProblem, type AlertQueue } from './alerts.ts';

/** A tenant's rule count is capped so that every wallboard refresh reads and evaluates them cheaply. */
export const maxAlertRules = 200;

type Problem = { path: string; message: string };

/** The threshold fits the metric and the queue (if any) is the tenant's. 400 naming the field. */
async function checkRule(r: Repos, tenantId: string, f: AlertRuleFields): Promise<void> {
  const problems: Problem[] = [];
  const t = thresholdProblem(f.metric, f.comparator, f.threshold);
  if (t) problems.push({ path: 'threshold', message: t });
  if (f.queueId && !(await r.routingQueues.byId(tenantId, f.queueId))) problems.push({ path: 'queueId', message: 'unknown queue; pick one of your queues or null for every queue' });
  if (problems.length > 0) throw invalid(`The alert rule is invalid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, problems);
}

/**
 * Wallboard alert rules: supervisors read them, analytics.configure changes them (audited, and a
 * `wallboard.alert_rules_changed` event on the 'wallboard' topic so open wallboards refetch).
 */
export function createAlertRulesService(d: CoreDeps) {
  const changed = (r: Repos, p: Principal, id: string, action: 'created' | 'updated' | 'deleted', at: Date, details: Record<string, unknown>) =>
    Promise.all([
      writeAudit(r, d.newId, at, { tenantId: p.tenantId, actorId: p.userId, action: `wallboard.alert_rule_${action}`, targetType: 'wallboard_alert_rule', targetId: id, details }),
      r.events.append(p.tenantId, [draftEvent(d.newId, {
        type: 'wallboard.alert_rules_changed', aggregateType: 'wallboard_alert_rule', aggregateId: id, actorId: p.userId, topics: ['wallboard'], payload: { ruleId: id, action },
      })], at),
    ]);

  async function get(p: Principal, id: string): Promise<AlertRuleRow> {
    const row = await d.repos.wallboardAlerts.byId(p.tenantId, id);
    if (!row) throw notFound('Alert rule');
    return row;
  }

  return {
    list: (p: Principal) => d.repos.wallboardAlerts.list(p.tenantId),
    get,

    async create(p: Principal, b: CreateAlertRuleBody): Promise<AlertRuleRow> {
      const id = d.newId();
      const now = d.clock.now();
      const fields: AlertRuleFields = { queueId: b.queueId, metric: b.metric, comparator: b.comparator, threshold: b.threshold, enabled: b.enabled };
      await d.uow(async (r) => {
        await checkRule(r, p.tenantId, fields);
        if ((await r.wallboardAlerts.count(p.tenantId)) >= maxAlertRules) {
          throw new AppError('conflict', `A workspace may have at most ${maxAlertRules} alert rules; delete or change one instead`);
        }
        await r.wallboardAlerts.insert({ ...fields, id, tenantId: p.tenantId, createdBy: p.userId, at: now });
        await changed(r, p, id, 'created', now, { ...fields });
      });
      return get(p, id);
    },

    async update(p: Principal, id: string, b: UpdateAlertRuleBody): Promise<AlertRuleRow> {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const before = await r.wallboardAlerts.byId(p.tenantId, id);
        if (!before) throw notFound('Alert rule');
        const next: AlertRuleFields = {
          queueId: b.queueId !== undefined ? b.queueId : before.queueId,
          metric: b.metric ?? before.metric,
          comparator: b.comparator ?? before.comparator,
          threshold: b.threshold ?? before.threshold,
          enabled: b.enabled ?? before.enabled,
        };
        await checkRule(r, p.tenantId, next);
        await r.wallboardAlerts.update(p.tenantId, id, b, now);
        await changed(r, p, id, 'updated', now, { fields: Object.keys(b), ...next });
      });
      return get(p, id);
    },

    async remove(p: Principal, id: string): Promise<void> {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const before = await r.wallboardAlerts.byId(p.tenantId, id);
        if (!before || !(await r.wallboardAlerts.remove(p.tenantId, id))) throw notFound('Alert rule');
        await changed(r, p, id, 'deleted', now, { metric: before.metric, comparator: before.comparator, threshold: before.threshold, queueId: before.queueId });
      });
    },

    /** The alerts the view's figures raise now under the tenant's rules. */
    async active(p: Principal, view: { queues: readonly AlertQueue[] }): Promise<WallboardAlert[]> {
      return evaluateAlerts(view, await d.repos.wallboardAlerts.list(p.tenantId));
    },
  };
}
export type AlertRulesService = ReturnType<typeof createAlertRulesService>;
