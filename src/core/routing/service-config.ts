import type { Repos } from '../../storage/repos.ts';
import { capacityOf } from '../../storage/routing-agents.repo.ts';
import type { QueueFields } from '../../storage/routing-queues.repo.ts';
import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../errors.ts';
import { parse, skillsUsed } from './expr/index.ts';
import { configEvent, withActivity } from './service-shared.ts';
import type { CapacityChannel, WorkflowRuleSource, WorkflowSource } from './types.ts';
import { validateWorkflow, type WorkflowCatalog } from './workflow.ts';

export interface QueueInput {
  name: string;
  strategy: QueueFields['strategy'];
  stickyMinutes: number;
  offerTimeoutSeconds: number | null;
  autoAccept: boolean;
  wrapUpSeconds: number;
  agingPerMinute: number;
  calendarId: string | null;
  teamIds: string[];
}

const toFields = (q: Partial<QueueInput>): Partial<QueueFields> => ({
  ...(q.name !== undefined && { name: q.name }),
  ...(q.strategy !== undefined && { strategy: q.strategy }),
  ...(q.stickyMinutes !== undefined && { stickyMs: Math.round(q.stickyMinutes * 60_000) }),
  ...(q.offerTimeoutSeconds !== undefined && { offerTimeoutMs: q.offerTimeoutSeconds === null ? null : q.offerTimeoutSeconds * 1000 }),
  ...(q.autoAccept !== undefined && { autoAccept: q.autoAccept }),
  ...(q.wrapUpSeconds !== undefined && { wrapUpMs: q.wrapUpSeconds * 1000 }),
  ...(q.agingPerMinute !== undefined && { agingPerMinute: q.agingPerMinute }),
  ...(q.calendarId !== undefined && { calendarId: q.calendarId }),
  ...(q.teamIds !== undefined && { teamIds: [...new Set(q.teamIds)] }),
});

/** Every team of the tenant (id, name). */
export async function allTeams(r: Repos, tenantId: string): Promise<{ id: string; name: string }[]> {
  const out: { id: string; name: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await r.teams.list(tenantId, { limit: 200, cursor });
    out.push(...page.items.map((t) => ({ id: t.id, name: t.name })));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/** What workflow expressions may name: the tenant's queues, skills and teams. */
export async function catalogOf(r: Repos, tenantId: string): Promise<WorkflowCatalog> {
  const [queues, skills, teams] = await Promise.all([r.routingQueues.list(tenantId), r.routingAgents.skills(tenantId), allTeams(r, tenantId)]);
  return { queues: queues.map((q) => ({ id: q.id, name: q.name })), skills: skills.map((s) => s.name), teams };
}

const ruleLabel = (rule: WorkflowRuleSource) => `"${rule.name}" (${rule.id})`;

/** Rules of the running workflow whose agent selectors name the skill. */
function rulesUsingSkill(rules: readonly WorkflowRuleSource[], skill: string, catalog: WorkflowCatalog): string[] {
  const scope = { kind: 'agent' as const, skills: catalog.skills, teams: catalog.teams };
  return rules.filter((rule) => rule.targets.some((t) => {
    if (!t.agents.trim()) return false;
    try {
      return skillsUsed(parse(t.agents), scope).includes(skill);
    } catch {
      return t.agents.includes(skill);
    }
  })).map(ruleLabel);
}

/** Admin set-up: skills, queues, agents' routing profiles, the skill matrix, the workflow. */
export function configActions(d: CoreDeps) {
  async function validateRefs(r: Repos, tenantId: string, q: Partial<QueueInput>) {
    const errors: { path: string; message: string }[] = [];
    if (q.teamIds?.length) {
      const teams = new Set((await allTeams(r, tenantId)).map((t) => t.id));
      q.teamIds.forEach((t, i) => { if (!teams.has(t)) errors.push({ path: `teamIds.${i}`, message: 'unknown team' }); });
    }
    if (q.calendarId && !(await r.businessCalendars.byId(tenantId, q.calendarId))) errors.push({ path: 'calendarId', message: 'unknown business calendar' });
    if (errors.length) throw invalid(`The queue refers to what this workspace does not have: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors);
  }

  async function mustQueue(tenantId: string, id: string) {
    const q = await d.repos.routingQueues.byId(tenantId, id);
    if (!q) throw notFound('Queue');
    return q;
  }

  return {
    skills: (p: Principal) => d.repos.routingAgents.skills(p.tenantId),

    async createSkill(p: Principal, name: string) {
      const id = d.newId();
      const now = d.clock.now();
      await d.uow(async (r) => {
        if (!(await r.routingAgents.insertSkill(p.tenantId, { id, name, at: now }))) throw conflict(`A skill named "${name}" exists already; pick another name`);
        await r.events.append(p.tenantId, [configEvent(d, p, 'skill', id)], now);
      });
      return (await d.repos.routingAgents.skillById(p.tenantId, id))!;
    },

    async renameSkill(p: Principal, id: string, name: string) {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const s = await r.routingAgents.skillById(p.tenantId, id);
        if (!s) throw notFound('Skill');
        if (s.name === name) return;
        await refuseIfUsed(r, p.tenantId, s.name, 'renamed');
        if ((await r.routingAgents.skills(p.tenantId)).some((x) => x.name === name)) throw conflict(`A skill named "${name}" exists already; pick another name`);
        await r.routingAgents.renameSkill(p.tenantId, id, name);
        await r.events.append(p.tenantId, [configEvent(d, p, 'skill', id)], now);
      });
      return (await d.repos.routingAgents.skillById(p.tenantId, id))!;
    },

    async removeSkill(p: Principal, id: string) {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const s = await r.routingAgents.skillById(p.tenantId, id);
        if (!s) throw notFound('Skill');
        await refuseIfUsed(r, p.tenantId, s.name, 'deleted');
        await r.routingAgents.removeSkill(p.tenantId, id);
        await r.events.append(p.tenantId, [configEvent(d, p, 'skill', id)], now);
      });
    },

    queues: (p: Principal) => d.repos.routingQueues.list(p.tenantId),
    queue: (p: Principal, id: string) => mustQueue(p.tenantId, id),

    async createQueue(p: Principal, input: QueueInput) {
      const id = d.newId();
      const now = d.clock.now();
      await d.uow(async (r) => {
        await validateRefs(r, p.tenantId, input);
        const ok = await r.routingQueues.insert({ ...(toFields(input) as QueueFields), id, tenantId: p.tenantId, at: now });
        if (!ok) throw conflict(`A queue named "${input.name}" exists already; pick another name`);
        await r.events.append(p.tenantId, [configEvent(d, p, 'queue', id, ['wallboard'])], now);
      });
      return mustQueue(p.tenantId, id);
    },

    async updateQueue(p: Principal, id: string, patch: Partial<QueueInput>) {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const before = await r.routingQueues.byId(p.tenantId, id);
        if (!before) throw notFound('Queue');
        await validateRefs(r, p.tenantId, patch);
        if (patch.name !== undefined && patch.name !== before.name && (await r.routingQueues.byName(p.tenantId, patch.name))) {
          throw conflict(`A queue named "${patch.name}" exists already; pick another name`);
        }
        await r.routingQueues.update(p.tenantId, id, toFields(patch), now);
        await r.events.append(p.tenantId, [configEvent(d, p, 'queue', id, ['wallboard'])], now);
      });
      return mustQueue(p.tenantId, id);
    },

    async removeQueue(p: Principal, id: string) {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const q = await r.routingQueues.byId(p.tenantId, id);
        if (!q) throw notFound('Queue');
        const wf = await r.routingQueues.currentWorkflow(p.tenantId);
        const using = (wf?.rules ?? []).filter((rule) => rule.targets.some((t) => t.queueId === id)).map(ruleLabel);
        if (using.length) throw conflict(`The queue "${q.name}" is a target of workflow rule${using.length > 1 ? 's' : ''} ${using.join(', ')}; change the workflow first`);
        const waiting = await r.routingTasks.countLiveIn(p.tenantId, id);
        if (waiting > 0) throw conflict(`${waiting} task${waiting > 1 ? 's wait' : ' waits'} in the queue "${q.name}"; move them to another queue first`);
        await r.routingQueues.remove(p.tenantId, id);
        await r.events.append(p.tenantId, [configEvent(d, p, 'queue', id, ['wallboard'])], now);
      });
    },

    /** Every active user's routing profile with what they are doing now. */
    async agents(p: Principal) {
      const now = d.clock.now();
      return (await d.repos.routingAgents.profiles(p.tenantId, { activeOnly: true })).map((a) => withActivity(a, now));
    },

    /** Skills (routing.supervise), languages (routing.supervise) and capacity (routing.configure only). */
    async updateAgent(p: Principal, userId: string, patch: { skills?: { skill: string; level: number }[]; languages?: string[]; capacity?: Partial<Record<CapacityChannel, number>> }) {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const user = await r.users.byId(p.tenantId, userId);
        if (!user) throw notFound('User');
        if (patch.capacity !== undefined && !p.permissions.has('routing.configure')) throw forbidden('change an agent\'s capacity (routing.configure is needed)');
        let levels: { skillId: string; level: number }[] | undefined;
        if (patch.skills !== undefined) {
          const byName = new Map((await r.routingAgents.skills(p.tenantId)).map((s) => [s.name, s.id]));
          const errors: { path: string; message: string }[] = [];
          const seen = new Set<string>();
          patch.skills.forEach((s, i) => {
            if (!byName.has(s.skill)) errors.push({ path: `skills.${i}.skill`, message: `unknown skill "${s.skill}"` });
            else if (seen.has(s.skill)) errors.push({ path: `skills.${i}.skill`, message: `"${s.skill}" is listed twice` });
            seen.add(s.skill);
          });
          if (errors.length) throw invalid(`Some skills cannot be set: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}; create the skill first`, errors);
          levels = patch.skills.map((s) => ({ skillId: byName.get(s.skill)!, level: s.level }));
        }
        await r.routingAgents.lock(p.tenantId, userId, now);
        if (levels) await r.routingAgents.replaceSkills(p.tenantId, userId, levels);
        const capacity = patch.capacity ? { ...capacityOf((await r.routingAgents.profile(p.tenantId, userId))!.capacity), ...patch.capacity } : undefined;
        const languages = patch.languages ? [...new Set(patch.languages)] : undefined;
        await r.routingAgents.update(p.tenantId, userId, { languages, capacity }, now);
        await r.events.append(p.tenantId, [configEvent(d, p, 'agent', userId, [`user:${userId}`])], now);
      });
      return withActivity((await d.repos.routingAgents.profile(p.tenantId, userId))!, d.clock.now());
    },

    /** Many agent x skill cells in one transaction: all applied, or none with every cell's error. */
    async skillMatrix(p: Principal, cells: { userId: string; skill: string; level: number | null }[]) {
      const now = d.clock.now();
      return d.uow(async (r) => {
        const skills = new Map((await r.routingAgents.skills(p.tenantId)).map((s) => [s.name, s.id]));
        const userIds = [...new Set(cells.map((c) => c.userId))];
        const users = new Set((await r.routingAgents.profiles(p.tenantId, { userIds })).map((u) => u.userId));
        const errors: { path: string; message: string }[] = [];
        const seen = new Set<string>();
        cells.forEach((c, i) => {
          if (!users.has(c.userId)) errors.push({ path: `cells.${i}.userId`, message: 'unknown user' });
          if (!skills.has(c.skill)) errors.push({ path: `cells.${i}.skill`, message: `unknown skill "${c.skill}"` });
          const key = `${c.userId}/${c.skill}`;
          if (seen.has(key)) errors.push({ path: `cells.${i}`, message: 'the same agent and skill twice' });
          seen.add(key);
        });
        if (errors.length) throw invalid(`${errors.length} problem${errors.length > 1 ? 's' : ''} in the skill matrix; nothing was changed: ${errors.slice(0, 5).map((e) => `${e.path} ${e.message}`).join('; ')}`, errors);
        for (const c of cells) await r.routingAgents.setSkillLevel(p.tenantId, c.userId, skills.get(c.skill)!, c.level);
        await r.events.append(p.tenantId, userIds.map((u) => configEvent(d, p, 'agent', u, [`user:${u}`])), now);
        return { updated: cells.length, agents: userIds.length };
      });
    },

    workflow: (p: Principal) => d.repos.routingQueues.currentWorkflow(p.tenantId),
    workflowVersions: (p: Principal) => d.repos.routingQueues.workflowVersions(p.tenantId),

    /** Saves a new version when valid; when not, 400 with every error and the running version unchanged. */
    async saveWorkflow(p: Principal, source: WorkflowSource) {
      const now = d.clock.now();
      return d.uow(async (r) => {
        const current = await r.routingQueues.currentWorkflow(p.tenantId);
        const errors = validateWorkflow(source, await catalogOf(r, p.tenantId));
        if (errors.length) {
          const keeps = current ? `version ${current.version} keeps running` : 'no workflow runs yet';
          const list = errors.slice(0, 5).map((e) => `${e.path}: ${e.message}`).join('; ');
          throw new AppError('invalid', `The workflow has ${errors.length} problem${errors.length > 1 ? 's' : ''} and was not saved (${keeps}): ${list}`, errors);
        }
        const version = (current?.version ?? 0) + 1;
        if (!(await r.routingQueues.insertWorkflow(p.tenantId, { version, rules: source.rules, createdBy: p.userId, at: now }))) {
          throw conflict('Someone saved the workflow at the same moment; reload it and save again');
        }
        await r.events.append(p.tenantId, [configEvent(d, p, 'workflow', String(version))], now);
        return (await r.routingQueues.currentWorkflow(p.tenantId))!;
      });
    },
  };

  async function refuseIfUsed(r: Repos, tenantId: string, skill: string, what: string) {
    const wf = await r.routingQueues.currentWorkflow(tenantId);
    if (!wf) return;
    const using = rulesUsingSkill(wf.rules, skill, await catalogOf(r, tenantId));
    if (using.length) throw conflict(`The skill "${skill}" cannot be ${what}: workflow rule${using.length > 1 ? 's' : ''} ${using.join(', ')} use${using.length > 1 ? '' : 's'} it; change the workflow first`);
  }
}
