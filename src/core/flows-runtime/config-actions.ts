import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { AppError, notFound } from '../errors.ts';
import { draftEvent } from '../events/draft.ts';
import type { FlowIntentWrite } from '../../storage/flows-config.repo.ts';
import type { Repos } from '../../storage/repos.ts';

const cleanExamples = (list: string[]) => [...new Set(list.map((e) => e.trim()).filter(Boolean))];

/** The tenant's intents (names + example phrases in any language) and the HTTP steps' allow-list. */
export function flowConfigActions(d: CoreDeps) {
  const event = (p: Principal, type: string, aggregateType: string, id: string, payload: Record<string, unknown>) =>
    draftEvent(d.newId, { type, aggregateType, aggregateId: id, actorId: p.userId, payload });

  async function checkName(r: Repos, tenantId: string, name: string | undefined, self?: string) {
    if (name === undefined) return;
    const other = await r.flowsConfig.intentByName(tenantId, name);
    if (other && other.id !== self) throw new AppError('conflict', `The intent "${name}" exists already; edit it instead`, [{ path: 'name', message: 'already in use' }]);
  }

  return {
    listIntents: (p: Principal, args: { limit: number; cursor?: string; q?: string }) => d.repos.flowsConfig.listIntents(p.tenantId, args),

    async getIntent(p: Principal, id: string) {
      const i = await d.repos.flowsConfig.intentById(p.tenantId, id);
      if (!i) throw notFound('Intent');
      return i;
    },

    async createIntent(p: Principal, input: FlowIntentWrite) {
      const id = d.newId();
      const at = d.clock.now();
      await d.uow(async (r) => {
        await checkName(r, p.tenantId, input.name);
        await r.flowsConfig.insertIntent({ id, tenantId: p.tenantId, name: input.name, examples: cleanExamples(input.examples), at });
        await r.events.append(p.tenantId, [event(p, 'flow_intent.created', 'flow_intent', id, { name: input.name, examples: input.examples.length })], at);
      });
      return (await d.repos.flowsConfig.intentById(p.tenantId, id))!;
    },

    async updateIntent(p: Principal, id: string, patch: Partial<FlowIntentWrite>) {
      const at = d.clock.now();
      await d.uow(async (r) => {
        if (!(await r.flowsConfig.intentById(p.tenantId, id))) throw notFound('Intent');
        await checkName(r, p.tenantId, patch.name, id);
        await r.flowsConfig.updateIntent(p.tenantId, id, { ...patch, ...(patch.examples && { examples: cleanExamples(patch.examples) }) }, at);
        await r.events.append(p.tenantId, [event(p, 'flow_intent.updated', 'flow_intent', id, { fields: Object.keys(patch) })], at);
      });
      return (await d.repos.flowsConfig.intentById(p.tenantId, id))!;
    },

    async removeIntent(p: Principal, id: string) {
      const at = d.clock.now();
      await d.uow(async (r) => {
        if (!(await r.flowsConfig.removeIntent(p.tenantId, id))) throw notFound('Intent');
        await r.events.append(p.tenantId, [event(p, 'flow_intent.deleted', 'flow_intent', id, {})], at);
      });
    },

    hosts: (p: Principal) => d.repos.flowsConfig.hosts(p.tenantId),

    async setHosts(p: Principal, hosts: string[]) {
      const list = [...new Set(hosts)].sort();
      const at = d.clock.now();
      await d.uow(async (r) => {
        await r.flowsConfig.setHosts(p.tenantId, list, p.userId, at);
        await r.events.append(p.tenantId, [event(p, 'flow.allowed_hosts_changed', 'tenant', p.tenantId, { hosts: list })], at);
      });
      return list;
    },
  };
}
