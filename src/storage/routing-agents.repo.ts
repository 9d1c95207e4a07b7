import { sql } from 'kysely';
import type { Role } from '../contracts/auth.ts';
import { capacityChannelOf, capacityChannels, defaultCapacity, type CapacityChannel, type Presence, type TaskKind } from '../core/routing/types.ts';
import type { Executor } from './executor.ts';

/** An agent's routing profile: the user, their agent_routing row (defaults when none yet), skills, teams and load. */
export interface AgentRow {
  userId: string;
  name: string;
  role: Role;
  active: boolean;
  presence: Presence;
  awayReason: string | null;
  presenceSince: Date;
  wrapUpUntil: Date | null;
  idleSince: Date;
  languages: string[];
  capacity: Record<CapacityChannel, number>;
  missedInRow: number;
  skills: { skill: string; level: number }[];
  teamIds: string[];
  /** Tasks assigned or in wrap-up, per channel class. */
  load: Record<CapacityChannel, number>;
  /** Tasks in wrap-up now. */
  wrapUps: number;
  createdAt: Date;
}

export interface SkillRow {
  id: string;
  name: string;
  agents: number;
}

const zeroLoad = (): Record<CapacityChannel, number> => ({ voice: 0, chat: 0, email: 0, messaging: 0, ticket: 0 });

/** Stored capacity merged over the defaults (a channel left out gets the default). */
export function capacityOf(stored: unknown): Record<CapacityChannel, number> {
  const out = { ...defaultCapacity };
  if (stored && typeof stored === 'object') {
    for (const c of capacityChannels) {
      const v = (stored as Record<string, unknown>)[c];
      if (typeof v === 'number' && Number.isFinite(v)) out[c] = v;
    }
  }
  return out;
}

/** Skills of a tenant and agents' routing profiles (presence, languages, capacity); every query scoped by tenant. */
export function routingAgentsRepo(db: Executor) {
  return {
    async skills(tenantId: string): Promise<SkillRow[]> {
      const rows = await db
        .selectFrom('skills as s')
        .select(['s.id', 's.name', (eb) => eb.selectFrom('user_skills as us').select(sql<number>`count(*)::int`.as('n')).whereRef('us.skill_id', '=', 's.id').whereRef('us.tenant_id', '=', 's.tenant_id').as('agents')])
        .where('s.tenant_id', '=', tenantId)
        .orderBy('s.name')
        .execute();
      return rows.map((r) => ({ id: r.id, name: r.name, agents: Number(r.agents ?? 0) }));
    },
    async skillById(tenantId: string, id: string): Promise<SkillRow | undefined> {
      return (await this.skills(tenantId)).find((s) => s.id === id);
    },
    /** False when the name is taken. */
    async insertSkill(tenantId: string, s: { id: string; name: string; at: Date }): Promise<boolean> {
      const r = await db.insertInto('skills').values({ id: s.id, tenant_id: tenantId, name: s.name, created_at: s.at }).onConflict((oc) => oc.columns(['tenant_id', 'name']).doNothing()).executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async renameSkill(tenantId: string, id: string, name: string): Promise<boolean> {
      const r = await db.updateTable('skills').set({ name }).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** Deletes the skill and every agent's level of it (the matrix cells go with it). */
    async removeSkill(tenantId: string, id: string): Promise<boolean> {
      await db.deleteFrom('user_skills').where('tenant_id', '=', tenantId).where('skill_id', '=', id).execute();
      const r = await db.deleteFrom('skills').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    /** Sets (level) or removes (null) one agent's level of one skill. */
    async setSkillLevel(tenantId: string, userId: string, skillId: string, level: number | null): Promise<void> {
      if (level === null) {
        await db.deleteFrom('user_skills').where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('skill_id', '=', skillId).execute();
        return;
      }
      await db
        .insertInto('user_skills')
        .values({ tenant_id: tenantId, user_id: userId, skill_id: skillId, level })
        .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'skill_id']).doUpdateSet({ level }))
        .execute();
    },
    /** Replaces all of an agent's skills. */
    async replaceSkills(tenantId: string, userId: string, levels: { skillId: string; level: number }[]): Promise<void> {
      await db.deleteFrom('user_skills').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
      if (levels.length === 0) return;
      await db.insertInto('user_skills').values(levels.map((l) => ({ tenant_id: tenantId, user_id: userId, skill_id: l.skillId, level: l.level }))).execute();
    },

    /** Profiles of the tenant's users (all, or the ids given), by name. */
    async profiles(tenantId: string, opts: { userIds?: string[]; activeOnly?: boolean } = {}): Promise<AgentRow[]> {
      if (opts.userIds && opts.userIds.length === 0) return [];
      let q = db
        .selectFrom('users as u')
        .leftJoin('agent_routing as a', (j) => j.onRef('a.user_id', '=', 'u.id').onRef('a.tenant_id', '=', 'u.tenant_id'))
        .select([
          'u.id', 'u.name', 'u.role', 'u.active', 'u.created_at', 'a.presence', 'a.away_reason', 'a.presence_since', 'a.wrap_up_until', 'a.idle_since',
          'a.languages', 'a.capacity', 'a.missed_in_row',
        ])
        .where('u.tenant_id', '=', tenantId);
      if (opts.userIds) q = q.where('u.id', 'in', opts.userIds);
      if (opts.activeOnly) q = q.where('u.active', '=', true);
      const rows = await q.orderBy('u.name').orderBy('u.id').limit(10_000).execute();
      if (rows.length === 0) return [];
      const ids = rows.map((r) => r.id);
      const [skills, teams, load] = await Promise.all([
        db
          .selectFrom('user_skills as us')
          .innerJoin('skills as s', (j) => j.onRef('s.id', '=', 'us.skill_id').onRef('s.tenant_id', '=', 'us.tenant_id'))
          .select(['us.user_id', 's.name', 'us.level'])
          .where('us.tenant_id', '=', tenantId)
          .where('us.user_id', 'in', ids)
          .orderBy('s.name')
          .execute(),
        db.selectFrom('team_members').select(['user_id', 'team_id']).where('tenant_id', '=', tenantId).where('user_id', 'in', ids).execute(),
        db
          .selectFrom('routing_tasks')
          .select(['assigned_user_id', 'kind', 'status', sql<number>`count(*)::int`.as('n')])
          .where('tenant_id', '=', tenantId)
          .where('status', 'in', ['assigned', 'wrap_up'])
          .where('assigned_user_id', 'in', ids)
          .groupBy(['assigned_user_id', 'kind', 'status'])
          .execute(),
      ]);
      const by = <T extends { user_id: string }>(list: T[]) => {
        const m = new Map<string, T[]>();
        for (const x of list) {
          const l = m.get(x.user_id);
          if (l) l.push(x);
          else m.set(x.user_id, [x]);
        }
        return m;
      };
      const skillsBy = by(skills);
      const teamsBy = by(teams);
      const loadBy = new Map<string, { load: Record<CapacityChannel, number>; wrapUps: number }>();
      for (const l of load) {
        const e = loadBy.get(l.assigned_user_id!) ?? { load: zeroLoad(), wrapUps: 0 };
        e.load[capacityChannelOf[l.kind as TaskKind]] += Number(l.n);
        if (l.status === 'wrap_up') e.wrapUps += Number(l.n);
        loadBy.set(l.assigned_user_id!, e);
      }
      return rows.map((r) => ({
        userId: r.id,
        name: r.name,
        role: r.role as Role,
        active: r.active,
        presence: (r.presence ?? 'offline') as Presence,
        awayReason: r.away_reason ?? null,
        presenceSince: r.presence_since ?? r.created_at,
        wrapUpUntil: r.wrap_up_until ?? null,
        idleSince: r.idle_since ?? r.created_at,
        languages: r.languages ?? [],
        capacity: capacityOf(r.capacity),
        missedInRow: Number(r.missed_in_row ?? 0),
        skills: (skillsBy.get(r.id) ?? []).map((s) => ({ skill: s.name, level: s.level })),
        teamIds: (teamsBy.get(r.id) ?? []).map((t) => t.team_id),
        load: loadBy.get(r.id)?.load ?? zeroLoad(),
        wrapUps: loadBy.get(r.id)?.wrapUps ?? 0,
        createdAt: r.created_at,
      }));
    },
    async profile(tenantId: string, userId: string): Promise<AgentRow | undefined> {
      return (await this.profiles(tenantId, { userIds: [userId] }))[0];
    },

    /** Creates the agent's routing row (offline, defaults) if missing, then locks it for this transaction. */
    async lock(tenantId: string, userId: string, at: Date): Promise<{ presence: Presence; awayReason: string | null }> {
      await db
        .insertInto('agent_routing')
        .values({ tenant_id: tenantId, user_id: userId, presence_since: at, idle_since: at, capacity: '{}', updated_at: at })
        .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doNothing())
        .execute();
      const r = await db.selectFrom('agent_routing').select(['presence', 'away_reason']).where('tenant_id', '=', tenantId).where('user_id', '=', userId).forUpdate().executeTakeFirstOrThrow();
      return { presence: r.presence as Presence, awayReason: r.away_reason };
    },
    /** Presence (with reason for away); becoming available starts an idle period and clears missed offers. */
    async setPresence(tenantId: string, userId: string, p: { presence: Presence; awayReason: string | null }, at: Date): Promise<void> {
      await db
        .updateTable('agent_routing')
        .set({
          presence: p.presence,
          away_reason: p.presence === 'away' ? p.awayReason : null,
          presence_since: at,
          ...(p.presence === 'available' && { idle_since: at, missed_in_row: 0 }),
          updated_at: at,
        })
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .execute();
    },
    async update(tenantId: string, userId: string, patch: { languages?: string[]; capacity?: Record<string, number> }, at: Date): Promise<void> {
      await db
        .updateTable('agent_routing')
        .set({
          ...(patch.languages !== undefined && { languages: patch.languages }),
          ...(patch.capacity !== undefined && { capacity: JSON.stringify(patch.capacity) }),
          updated_at: at,
        })
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .execute();
    },
    async resetMissed(tenantId: string, userId: string, at: Date): Promise<void> {
      await db.updateTable('agent_routing').set({ missed_in_row: 0, updated_at: at }).where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
    },
    /** After a task ends: the agent is idle from now, and out of wrap-up. */
    async finishedTask(tenantId: string, userId: string, at: Date): Promise<void> {
      await db.updateTable('agent_routing').set({ idle_since: at, wrap_up_until: null, updated_at: at }).where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
    },
  };
}
export type RoutingAgentsRepo = ReturnType<typeof routingAgentsRepo>;
