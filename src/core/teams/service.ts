import { AppError, notFound } from '../errors.ts';
import type { CoreDeps } from '../deps.ts';
import type { Principal } from '../auth/principal.ts';
import { draftEvent } from '../events/draft.ts';

export function createTeamsService(d: CoreDeps) {
  const topics = (teamId: string) => ['tenant', `team:${teamId}`];
  const nameTaken = (name: string) =>
    new AppError('conflict', `A team named "${name}" already exists; pick another name`, [{ path: 'name', message: 'already in use' }]);

  async function mustGet(tenantId: string, id: string) {
    const t = await d.repos.teams.byId(tenantId, id);
    if (!t) throw notFound('Team');
    return t;
  }

  return {
    list: (p: Principal, args: { limit: number; cursor?: string; q?: string }) => d.repos.teams.list(p.tenantId, args),
    get: (p: Principal, id: string) => mustGet(p.tenantId, id),

    async create(p: Principal, input: { name: string; description: string }) {
      const id = d.newId();
      const now = d.clock.now();
      await d.uow(async (r) => {
        if (await r.teams.byName(p.tenantId, input.name)) throw nameTaken(input.name);
        await r.teams.insert({ id, tenantId: p.tenantId, ...input });
        await r.events.append(p.tenantId, [draftEvent(d.newId, { type: 'team.created', aggregateType: 'team', aggregateId: id, actorId: p.userId, topics: topics(id), payload: input })], now);
      });
      return mustGet(p.tenantId, id);
    },

    async update(p: Principal, id: string, patch: { name?: string; description?: string }) {
      const now = d.clock.now();
      await d.uow(async (r) => {
        if (!(await r.teams.byId(p.tenantId, id))) throw notFound('Team');
        if (patch.name) {
          const other = await r.teams.byName(p.tenantId, patch.name);
          if (other && other.id !== id) throw nameTaken(patch.name);
        }
        await r.teams.update(p.tenantId, id, patch);
        await r.events.append(p.tenantId, [draftEvent(d.newId, { type: 'team.updated', aggregateType: 'team', aggregateId: id, actorId: p.userId, topics: topics(id), payload: patch })], now);
      });
      return mustGet(p.tenantId, id);
    },

    async remove(p: Principal, id: string) {
      const now = d.clock.now();
      await d.uow(async (r) => {
        if (!(await r.teams.remove(p.tenantId, id))) throw notFound('Team');
        await r.events.append(p.tenantId, [draftEvent(d.newId, { type: 'team.deleted', aggregateType: 'team', aggregateId: id, actorId: p.userId, topics: topics(id), payload: {} })], now);
      });
    },

    async members(p: Principal, id: string, args: { limit: number; cursor?: string; q?: string }) {
      await mustGet(p.tenantId, id);
      return d.repos.users.list(p.tenantId, { ...args, teamId: id });
    },

    async setMember(p: Principal, id: string, userId: string, member: boolean) {
      const now = d.clock.now();
      await d.uow(async (r) => {
        if (!(await r.teams.byId(p.tenantId, id))) throw notFound('Team');
        if (!(await r.users.byId(p.tenantId, userId))) throw notFound('User');
        const changed = member ? await r.teams.addMember(p.tenantId, id, userId) : await r.teams.removeMember(p.tenantId, id, userId);
        if (!member && !changed) throw notFound('Team membership');
        if (changed) {
          await r.events.append(
            p.tenantId,
            [draftEvent(d.newId, { type: member ? 'team.member_added' : 'team.member_removed', aggregateType: 'team', aggregateId: id, actorId: p.userId, topics: [...topics(id), `user:${userId}`], payload: { userId } })],
            now,
          );
        }
      });
    },
  };
}
export type TeamsService = ReturnType<typeof createTeamsService>;
