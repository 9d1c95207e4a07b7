import type { Role } from '../../contracts/auth.ts';
import { AppError, conflict, invalid, notFound } from '../errors.ts';
import { writeAudit } from '../audit.ts';
import type { CoreDeps, RequestMeta } from '../deps.ts';
import type { Principal } from '../auth/principal.ts';
import { draftEvent } from '../events/draft.ts';

export const INVITE_PREFIX = 'sbi_';

export function createUsersService(d: CoreDeps) {
  const userTopics = (userId: string) => ['tenant', `user:${userId}`];

  return {
    list: (p: Principal, args: { limit: number; cursor?: string; q?: string; teamId?: string }) => d.repos.users.list(p.tenantId, args),

    async get(p: Principal, id: string) {
      const u = await d.repos.users.view(p.tenantId, id);
      if (!u) throw notFound('User');
      return u;
    },

    async invite(p: Principal, input: { email: string; name: string; role: Role; teamIds: string[] }, meta: RequestMeta) {
      const now = d.clock.now();
      const secret = d.secrets.token(INVITE_PREFIX);
      const userId = d.newId();
      const invitationId = d.newId();
      const expiresAt = new Date(now.getTime() + d.settings.invitationTtlHours * 3_600_000);
      let workspace = '';
      let invitedBy = '';
      await d.uow(async (r) => {
        workspace = (await r.tenants.byId(p.tenantId))?.name ?? '';
        invitedBy = (await r.users.byId(p.tenantId, p.userId))?.name ?? '';
        if (await r.users.byEmail(p.tenantId, input.email)) {
          throw new AppError('conflict', `${input.email} already has an account in this workspace`, [{ path: 'email', message: 'already in use' }]);
        }
        const teams = [...new Set(input.teamIds)];
        const found = await r.teams.exists(p.tenantId, teams);
        const missing = teams.filter((t) => !found.includes(t));
        if (missing.length) throw invalid('Some teams do not exist', missing.map((id) => ({ path: 'teamIds', message: `unknown team ${id}` })));
        await r.users.insert({ id: userId, tenantId: p.tenantId, email: input.email, name: input.name, role: input.role, passwordHash: null });
        for (const t of teams) await r.teams.addMember(p.tenantId, t, userId);
        await r.invitations.insert({ id: invitationId, tenantId: p.tenantId, userId, tokenHash: d.secrets.digest(secret), invitedBy: p.userId, expiresAt, createdAt: now });
        await writeAudit(r, d.newId, now, {
          tenantId: p.tenantId,
          actorId: p.userId,
          action: 'user.invited',
          targetType: 'user',
          targetId: userId,
          ip: meta.ip,
          details: { email: input.email, role: input.role },
        });
        await r.events.append(
          p.tenantId,
          [draftEvent(d.newId, { type: 'user.invited', aggregateType: 'user', aggregateId: userId, actorId: p.userId, payload: { email: input.email, name: input.name, role: input.role } })],
          now,
        );
      });
      const link = `${d.settings.publicUrl}/invite/${secret}`;
      d.sendInvitation({ email: input.email, name: input.name, link, workspace, invitedBy, expiresAt });
      return {
        invitation: { id: invitationId, email: input.email, name: input.name, role: input.role, expiresAt, acceptedAt: null, createdAt: now },
        link,
      };
    },

    async lookupInvitation(token: string) {
      const inv = await d.repos.invitations.byHash(d.secrets.digest(token));
      const now = d.clock.now();
      if (!inv || inv.acceptedAt || inv.expiresAt <= now) {
        throw new AppError('not_found', 'This invitation link is invalid, used or expired; ask your admin for a new one');
      }
      const [user, tenant] = await Promise.all([d.repos.users.byId(inv.tenantId, inv.userId), d.repos.tenants.byId(inv.tenantId)]);
      if (!user || !tenant) throw new AppError('not_found', 'This invitation link is invalid, used or expired; ask your admin for a new one');
      return { invitation: inv, user, tenant };
    },

    async acceptInvitation(token: string, input: { password: string; name?: string; language?: string }) {
      const { invitation, user } = await this.lookupInvitation(token);
      const hash = await d.hasher.hash(input.password);
      const now = d.clock.now();
      await d.uow(async (r) => {
        if (!(await r.invitations.accept(invitation.tenantId, invitation.id, now))) {
          throw new AppError('conflict', 'This invitation was already used; sign in instead');
        }
        await r.users.update(user.tenantId, user.id, { passwordHash: hash, name: input.name, language: input.language });
        await writeAudit(r, d.newId, now, { tenantId: user.tenantId, actorId: user.id, action: 'user.invitation_accepted', targetType: 'user', targetId: user.id });
        await r.events.append(
          user.tenantId,
          [draftEvent(d.newId, { type: 'user.joined', aggregateType: 'user', aggregateId: user.id, actorId: user.id, topics: userTopics(user.id), payload: {} })],
          now,
        );
      });
      return (await d.repos.users.byId(user.tenantId, user.id))!;
    },

    async update(
      p: Principal,
      id: string,
      patch: { name?: string; role?: Role; active?: boolean; language?: string },
      meta: RequestMeta,
    ) {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const before = await r.users.byId(p.tenantId, id);
        if (!before) throw notFound('User');
        const demoting = patch.role !== undefined && patch.role !== 'admin' && before.role === 'admin';
        const deactivating = patch.active === false && before.active && before.role === 'admin';
        if ((demoting || deactivating) && (await r.users.countActiveAdmins(p.tenantId)) <= 1) {
          throw conflict('This is the last active admin; make someone else an admin first');
        }
        await r.users.update(p.tenantId, id, patch);
        if (patch.role !== undefined && patch.role !== before.role) {
          await writeAudit(r, d.newId, now, {
            tenantId: p.tenantId,
            actorId: p.userId,
            action: 'user.role_changed',
            targetType: 'user',
            targetId: id,
            ip: meta.ip,
            details: { from: before.role, to: patch.role },
          });
        }
        if (patch.active !== undefined && patch.active !== before.active) {
          if (!patch.active) await r.sessions.revokeAllOf(p.tenantId, id, now);
          await writeAudit(r, d.newId, now, {
            tenantId: p.tenantId,
            actorId: p.userId,
            action: patch.active ? 'user.activated' : 'user.deactivated',
            targetType: 'user',
            targetId: id,
            ip: meta.ip,
          });
        }
        await r.events.append(
          p.tenantId,
          [draftEvent(d.newId, { type: 'user.updated', aggregateType: 'user', aggregateId: id, actorId: p.userId, topics: userTopics(id), payload: { ...patch } })],
          now,
        );
      });
      return this.get(p, id);
    },

    async updateMe(p: Principal, patch: { name?: string; language?: string }) {
      const now = d.clock.now();
      await d.uow(async (r) => {
        await r.users.update(p.tenantId, p.userId, patch);
        await r.events.append(
          p.tenantId,
          [draftEvent(d.newId, { type: 'user.updated', aggregateType: 'user', aggregateId: p.userId, actorId: p.userId, topics: userTopics(p.userId), payload: { ...patch } })],
          now,
        );
      });
      return this.get(p, p.userId);
    },

    async listAudit(p: Principal, args: { limit: number; cursor?: string; action?: string }) {
      return d.repos.audit.list(p.tenantId, args);
    },
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
