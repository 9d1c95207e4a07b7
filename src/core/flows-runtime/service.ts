import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { AppError, conflict, invalid, notFound } from '../errors.ts';
import { draftEvent } from '../events/draft.ts';
import type { FlowDefinition } from '../flows/schema.ts';
import type { FlowInput, FlowState } from '../flows/types.ts';
import type { Repos } from '../../storage/repos.ts';
import type { FlowWrite } from '../../storage/flows.repo.ts';
import type { FlowIssue } from './contracts.ts';
import { runStep } from './engine.ts';
import { flowPorts, type FlowPortDeps } from './ports.ts';
import { flowIssues, parseDefinition, starterDefinition, type FlowContext } from './validation.ts';
import { flowConfigActions } from './config-actions.ts';

export type FlowsServiceDeps = Omit<FlowPortDeps, 'core'>;

/** The tenant's data the checks need: calendars, queues, hosts, intents. */
export async function flowContext(r: Repos, tenantId: string): Promise<FlowContext> {
  const [calendars, queues, hosts, intents] = await Promise.all([
    r.businessCalendars.list(tenantId, { limit: 500 }),
    r.routingQueues.list(tenantId),
    r.flowsConfig.hosts(tenantId),
    r.flowsConfig.allIntents(tenantId),
  ]);
  return { calendarIds: new Set(calendars.items.map((c) => c.id)), queueIds: new Set(queues.map((q) => q.id)), allowedHosts: hosts, intents: intents.map((i) => i.name) };
}

const refused = (what: string, issues: FlowIssue[]) =>
  invalid(`${what}: ${issues.length} problem${issues.length === 1 ? '' : 's'} to fix first — ${issues.slice(0, 3).map((i) => (i.nodeId ? `${i.nodeId}: ${i.message}` : i.message)).join('; ')}${issues.length > 3 ? '; …' : ''}`, issues);

/** Flows: CRUD, drafts, validation, publishing, the simulator and inbox assignment. */
export function createFlowsService(d: CoreDeps, o: FlowsServiceDeps = {}) {
  const now = () => d.clock.now();
  const event = (p: Principal | null, type: string, id: string, payload: Record<string, unknown>) =>
    draftEvent(d.newId, { type, aggregateType: 'flow', aggregateId: id, actorId: p?.userId ?? null, payload });

  async function mustFlow(tenantId: string, id: string) {
    const f = await d.repos.flows.byId(tenantId, id);
    if (!f) throw notFound('Flow');
    return f;
  }
  async function withInboxes(tenantId: string, f: NonNullable<Awaited<ReturnType<typeof d.repos.flows.byId>>>) {
    return { ...f, inboxIds: await d.repos.flows.inboxesOf(tenantId, f.id) };
  }
  async function checkName(r: Repos, tenantId: string, name: string | undefined, self?: string) {
    if (name === undefined) return;
    const other = await r.flows.byName(tenantId, name);
    if (other && other.id !== self) throw new AppError('conflict', `A flow named "${name}" exists already; choose another name`, [{ path: 'name', message: 'already in use' }]);
  }

  /** Every inbox with the flow that answers first on it. */
  async function assignments(p: Principal) {
    const [inboxes, rows, flows] = await Promise.all([d.repos.inboxes.list(p.tenantId, { limit: 200 }), d.repos.flows.assignments(p.tenantId), d.repos.flows.list(p.tenantId, { limit: 200 })]);
    const byInbox = new Map(rows.map((r) => [r.inboxId, r.flowId]));
    const names = new Map(flows.items.map((f) => [f.id, f.name]));
    return inboxes.items.map((i) => {
      const flowId = byInbox.get(i.id) ?? null;
      return { inboxId: i.id, inboxName: i.name, channel: i.channel, flowId, flowName: flowId ? (names.get(flowId) ?? null) : null };
    });
  }

  return {
    ...flowConfigActions(d),

    async listFlows(p: Principal, args: { limit: number; cursor?: string; q?: string }) {
      const page = await d.repos.flows.list(p.tenantId, args);
      return { items: await Promise.all(page.items.map((f) => withInboxes(p.tenantId, f))), nextCursor: page.nextCursor };
    },

    getFlow: async (p: Principal, id: string) => withInboxes(p.tenantId, await mustFlow(p.tenantId, id)),

    async createFlow(p: Principal, input: FlowWrite & { definition?: unknown }) {
      const definition = input.definition ?? starterDefinition();
      const parsed = parseDefinition(definition);
      if (!parsed.definition) throw refused('The first draft is not a valid flow', parsed.issues);
      const id = d.newId();
      const at = now();
      await d.uow(async (r) => {
        await checkName(r, p.tenantId, input.name);
        await r.flows.insert({ id, tenantId: p.tenantId, name: input.name, description: input.description, channelKinds: input.channelKinds, createdBy: p.userId, at });
        await r.flows.insertVersion({ tenantId: p.tenantId, flowId: id, version: 1, definition: parsed.definition, createdBy: p.userId, at });
        await r.events.append(p.tenantId, [event(p, 'flow.created', id, { name: input.name })], at);
      });
      return withInboxes(p.tenantId, await mustFlow(p.tenantId, id));
    },

    async updateFlow(p: Principal, id: string, patch: Partial<FlowWrite>) {
      const at = now();
      await d.uow(async (r) => {
        if (!(await r.flows.lock(p.tenantId, id))) throw notFound('Flow');
        await checkName(r, p.tenantId, patch.name, id);
        await r.flows.update(p.tenantId, id, patch, at);
        await r.events.append(p.tenantId, [event(p, 'flow.updated', id, { fields: Object.keys(patch) })], at);
      });
      return withInboxes(p.tenantId, await mustFlow(p.tenantId, id));
    },

    /** Refused while an inbox runs the flow; its sessions and versions go with it. */
    async removeFlow(p: Principal, id: string) {
      const at = now();
      await d.uow(async (r) => {
        if (!(await r.flows.lock(p.tenantId, id))) throw notFound('Flow');
        const inboxes = await r.flows.inboxesOf(p.tenantId, id);
        if (inboxes.length > 0) throw conflict(`The flow answers on ${inboxes.length} inbox${inboxes.length === 1 ? '' : 'es'}; assign another flow (or none) there first`);
        await r.flows.remove(p.tenantId, id);
        await r.events.append(p.tenantId, [event(p, 'flow.deleted', id, {})], at);
      });
    },

    async versions(p: Principal, id: string) {
      await mustFlow(p.tenantId, id);
      return d.repos.flows.versions(p.tenantId, id);
    },

    async version(p: Principal, id: string, version: number) {
      const v = await d.repos.flows.version(p.tenantId, id, version);
      if (!v) throw notFound('Flow version');
      return v;
    },

    /** The editable version: the draft, else the latest published one. */
    async current(p: Principal, id: string) {
      await mustFlow(p.tenantId, id);
      const v = (await d.repos.flows.draft(p.tenantId, id)) ?? (await d.repos.flows.latestPublished(p.tenantId, id));
      if (!v) throw notFound('Flow version');
      return v;
    },

    /**
     * Saves the draft (a new version after the last published one when there is no draft). The
     * shape must parse; graph problems are returned (not refused) so work in progress can be saved.
     */
    async saveDraft(p: Principal, id: string, raw: unknown) {
      const parsed = parseDefinition(raw);
      if (!parsed.definition) throw refused('The draft is not a valid flow', parsed.issues);
      const at = now();
      const version = await d.uow(async (r) => {
        if (!(await r.flows.lock(p.tenantId, id))) throw notFound('Flow');
        const draft = await r.flows.draft(p.tenantId, id);
        let v: number;
        if (draft) {
          v = draft.version;
          await r.flows.updateDraft(p.tenantId, id, v, parsed.definition, at);
        } else {
          v = (await r.flows.maxVersion(p.tenantId, id)) + 1;
          await r.flows.insertVersion({ tenantId: p.tenantId, flowId: id, version: v, definition: parsed.definition, createdBy: p.userId, at });
        }
        await r.flows.update(p.tenantId, id, {}, at);
        await r.events.append(p.tenantId, [event(p, 'flow.draft_saved', id, { version: v })], at);
        return v;
      });
      const issues = flowIssues(parsed.definition, await flowContext(d.repos, p.tenantId));
      return { version: (await d.repos.flows.version(p.tenantId, id, version))!, issues };
    },

    async validate(p: Principal, raw: unknown) {
      const issues = flowIssues(raw, await flowContext(d.repos, p.tenantId));
      return { ok: issues.length === 0, issues };
    },

    /**
     * Publishes the draft (or the version named, which must be the draft): refused with 400 and
     * every problem with its node id. Running sessions stay on the version they started with.
     */
    async publish(p: Principal, id: string, version?: number) {
      const at = now();
      const published = await d.uow(async (r) => {
        if (!(await r.flows.lock(p.tenantId, id))) throw notFound('Flow');
        const draft = await r.flows.draft(p.tenantId, id);
        if (!draft || (version !== undefined && draft.version !== version)) {
          const v = version !== undefined ? await r.flows.version(p.tenantId, id, version) : undefined;
          if (v?.status === 'published') throw conflict(`Version ${version} is published already; published versions never change — save a draft to make a new one`);
          throw invalid(version !== undefined ? `Version ${version} is not this flow's draft` : 'The flow has no draft to publish; save one first', [{ path: 'version', message: 'no such draft' }]);
        }
        const issues = flowIssues(draft.definition, await flowContext(r, p.tenantId));
        if (issues.length > 0) throw refused(`Version ${draft.version} cannot be published`, issues);
        await r.flows.publishDraft(p.tenantId, id, draft.version, p.userId, at);
        await r.flows.update(p.tenantId, id, {}, at);
        await r.events.append(p.tenantId, [event(p, 'flow.published', id, { version: draft.version })], at);
        return draft.version;
      });
      return (await d.repos.flows.version(p.tenantId, id, published))!;
    },

    /**
     * One step of a draft in the simulator: real HTTP (allow-list), knowledge base, business hours
     * and intents; hand-over and ticket creation are reported, not carried out.
     */
    async simulate(p: Principal, body: { definition: unknown; state?: unknown; input: FlowInput }) {
      const parsed = parseDefinition(body.definition);
      if (!parsed.definition) throw refused('The flow cannot run', parsed.issues);
      const def: FlowDefinition = parsed.definition;
      const state = (body.state ?? null) as FlowState | null;
      if (state === null && body.input.kind !== 'start') throw invalid('Start the simulation with input { kind: "start" } (no state yet)', [{ path: 'input.kind', message: 'start first' }]);
      if (state !== null && (typeof state !== 'object' || (state as { v?: unknown }).v !== 1)) throw invalid('The state is not one the simulator returned; start again', [{ path: 'state', message: 'unknown state' }]);
      const notExecuted: Record<string, unknown>[] = [];
      const ports = flowPorts({ core: d, ...o }, p.tenantId, { simulate: true, onTicket: (t) => notExecuted.push({ kind: 'create_ticket', subject: t.subject, priority: t.priority }) });
      let res;
      try {
        res = await runStep(def, state, body.input, ports, now());
      } catch (e) {
        if (e instanceof AppError) throw e;
        throw invalid(`The flow stopped with an error: ${(e as Error).message}`);
      }
      for (const fx of res.effects) {
        if (fx.kind === 'handover') notExecuted.push({ kind: 'handover', queueId: fx.queueId, skills: fx.skills, priority: fx.priority, reason: fx.reason, note: fx.note });
      }
      return { outputs: res.outputs as unknown as Record<string, unknown>[], state: res.state, status: res.status, notExecuted, variables: { ...res.state.variables, language: res.state.language, ...(res.state.variables.intent !== undefined && { intent: res.state.variables.intent }) } };
    },

    assignments,

    /** Puts a published flow first on an inbox (null: no flow, conversations go straight to routing). */
    async assign(p: Principal, inboxId: string, flowId: string | null) {
      const at = now();
      await d.uow(async (r) => {
        const inbox = await r.inboxes.byId(p.tenantId, inboxId);
        if (!inbox) throw notFound('Inbox');
        if (flowId) {
          const f = await r.flows.byId(p.tenantId, flowId);
          if (!f) throw invalid('The flow does not exist in this workspace', [{ path: 'flowId', message: 'unknown flow' }]);
          if (f.publishedVersion === null) throw invalid(`Publish "${f.name}" before assigning it to an inbox`, [{ path: 'flowId', message: 'not published' }]);
          if (!f.channelKinds.includes(inbox.channel)) throw invalid(`"${f.name}" is not made for ${inbox.channel} inboxes (it is for ${f.channelKinds.join(', ')}); change its channels first`, [{ path: 'flowId', message: 'wrong channel' }]);
        }
        await r.flows.assign(p.tenantId, inboxId, flowId, p.userId, at);
        await r.events.append(p.tenantId, [draftEvent(d.newId, { type: 'inbox.flow_assigned', aggregateType: 'inbox', aggregateId: inboxId, actorId: p.userId, payload: { flowId } })], at);
      });
      return (await assignments(p)).find((a) => a.inboxId === inboxId)!;
    },
  };
}
export type FlowsService = ReturnType<typeof createFlowsService>;
