import type { TokenScope } from '../../contracts/auth.ts';
import { AppError, notFound } from '../errors.ts';
import { writeAudit } from '../audit.ts';
import type { CoreDeps, RequestMeta } from '../deps.ts';
import { permissionsFor } from './permissions.ts';
import { draftEvent } from '../events/draft.ts';
import type { Principal } from './principal.ts';
import type { UserRow } from '../../storage/users.repo.ts';

const BAD_CREDENTIALS = 'Email or password is incorrect. Check both and try again.';
export const SESSION_PREFIX = 'sbs_';
export const TOKEN_PREFIX = 'sbt_';
const TOUCH_EVERY_MS = 60_000;

export function createAuthService(d: CoreDeps) {
  let dummyHash: Promise<string> | undefined;
  /** Spend the same time on unknown accounts as on known ones. */
  const burn = async (password: string) => {
    dummyHash ??= d.hasher.hash('switchboard-timing-equaliser');
    await d.hasher.verify(await dummyHash, password);
  };

  async function failure(ip: string | null, window: Date) {
    if (ip) await d.repos.loginAttempts.addFailure(ip, window);
  }

  async function startSession(user: UserRow, meta: RequestMeta, now: Date) {
    const token = d.secrets.token(SESSION_PREFIX);
    const session = {
      id: d.newId(),
      tenantId: user.tenantId,
      userId: user.id,
      userAgent: meta.userAgent?.slice(0, 400) ?? null,
      ip: meta.ip,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + d.settings.sessionTtlHours * 3_600_000),
    };
    await d.repos.sessions.insert({ ...session, tokenHash: d.secrets.digest(token) });
    return { token, session };
  }

  /** Sockets follow sign-outs through this event, on every node. */
  const sessionsEnded = (userId: string, payload: { sessionIds?: string[]; exceptSessionId?: string | null }) =>
    draftEvent(d.newId, { type: 'session.revoked', aggregateType: 'user', aggregateId: userId, actorId: userId, topics: [`user:${userId}`], payload });

  async function endSession(p: Principal, sessionId: string): Promise<boolean> {
    const now = d.clock.now();
    return d.uow(async (r) => {
      if (!(await r.sessions.revoke(p.tenantId, p.userId, sessionId, now))) return false;
      await r.events.append(p.tenantId, [sessionsEnded(p.userId, { sessionIds: [sessionId] })], now);
      return true;
    });
  }

  return {
    startSession,

    async login(input: { email: string; password: string; workspace?: string }, meta: RequestMeta) {
      const now = d.clock.now();
      const window = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
      if (meta.ip && (await d.repos.loginAttempts.failures(meta.ip, window)) >= d.settings.loginIpMaxPerMinute) {
        throw new AppError('rate_limited', 'Too many failed sign-ins from your network; wait a minute and try again', {
          retryAfterSeconds: 60 - now.getUTCSeconds(),
        });
      }
      const auditFailure = (tenantId: string, userId: string | undefined, email: string, reason: string, extra = {}) =>
        writeAudit(d.repos, d.newId, now, {
          tenantId,
          actorId: null,
          action: 'auth.login_failed',
          targetType: 'user',
          targetId: userId,
          ip: meta.ip,
          details: { email, reason, ...extra },
        });
      const tenant = await d.repos.tenants.bySlug((input.workspace ?? d.settings.defaultWorkspace).toLowerCase());
      const user = tenant ? await d.repos.users.byEmail(tenant.id, input.email.trim()) : undefined;
      if (!tenant || !user || !user.active || !user.passwordHash) {
        await burn(input.password);
        await failure(meta.ip, window);
        if (tenant) await auditFailure(tenant.id, user?.id, input.email.trim().toLowerCase(), user ? 'inactive' : 'unknown_email');
        throw new AppError('unauthenticated', BAD_CREDENTIALS);
      }
      if (user.lockedUntil && user.lockedUntil > now) {
        await burn(input.password);
        await auditFailure(tenant.id, user.id, user.email, 'locked');
        const minutes = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000);
        throw new AppError(
          'rate_limited',
          `Too many failed sign-ins for this account; try again in ${minutes} minute${minutes === 1 ? '' : 's'} or ask an admin`,
          { retryAfterSeconds: Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000) },
        );
      }
      if (!(await d.hasher.verify(user.passwordHash, input.password))) {
        const lockEnd = new Date(now.getTime() + d.settings.loginLockoutMinutes * 60_000);
        const locked = await d.repos.users.recordFailure(tenant.id, user.id, d.settings.loginMaxFailures, lockEnd);
        await failure(meta.ip, window);
        await auditFailure(tenant.id, user.id, user.email, 'wrong_password', { locked: locked !== null && locked > now });
        throw new AppError('unauthenticated', BAD_CREDENTIALS);
      }
      await d.repos.users.recordLogin(tenant.id, user.id, now);
      const started = await startSession(user, meta, now);
      return { ...started, user, tenant };
    },

    async logout(p: Principal): Promise<void> {
      if (p.sessionId) await endSession(p, p.sessionId);
    },

    /** Resolves a session cookie or an API token to a principal; undefined when neither is valid. */
    async authenticate(credential: string | undefined): Promise<Principal | undefined> {
      if (!credential) return undefined;
      const now = d.clock.now();
      const hash = d.secrets.digest(credential);
      if (credential.startsWith(TOKEN_PREFIX)) {
        const t = await d.repos.tokens.liveByHash(hash);
        if (!t) return undefined;
        const user = await d.repos.users.byId(t.tenantId, t.userId);
        if (!user?.active) return undefined;
        if (!t.lastUsedAt || now.getTime() - t.lastUsedAt.getTime() > TOUCH_EVERY_MS) await d.repos.tokens.touch(t.tenantId, t.id, now);
        return {
          tenantId: t.tenantId,
          userId: t.userId,
          role: user.role,
          via: 'token',
          tokenId: t.id,
          scope: t.scope,
          permissions: permissionsFor(user.role, t.scope),
        };
      }
      const s = await d.repos.sessions.liveByHash(hash, now);
      if (!s) return undefined;
      if (now.getTime() - s.lastSeenAt.getTime() > TOUCH_EVERY_MS) await d.repos.sessions.touch(s.tenantId, s.id, now);
      return { tenantId: s.tenantId, userId: s.userId, role: s.role, via: 'session', sessionId: s.id, permissions: permissionsFor(s.role) };
    },

    listSessions: (p: Principal, args: { limit: number; cursor?: string }) =>
      d.repos.sessions.listLive(p.tenantId, p.userId, d.clock.now(), args),

    async revokeSession(p: Principal, id: string): Promise<void> {
      if (!(await endSession(p, id))) throw notFound('Session');
    },

    async changePassword(p: Principal, current: string, next: string, meta: RequestMeta): Promise<void> {
      const user = await d.repos.users.byId(p.tenantId, p.userId);
      if (!user?.passwordHash || !(await d.hasher.verify(user.passwordHash, current))) {
        throw new AppError('invalid', 'The current password is wrong', [{ path: 'currentPassword', message: 'does not match' }]);
      }
      const hash = await d.hasher.hash(next);
      const now = d.clock.now();
      await d.uow(async (r) => {
        await r.users.update(p.tenantId, p.userId, { passwordHash: hash });
        await r.sessions.revokeAllOf(p.tenantId, p.userId, now, p.sessionId);
        await r.events.append(p.tenantId, [sessionsEnded(p.userId, { exceptSessionId: p.sessionId ?? null })], now);
        await writeAudit(r, d.newId, now, { tenantId: p.tenantId, actorId: p.userId, action: 'auth.password_changed', targetType: 'user', targetId: p.userId, ip: meta.ip });
      });
    },

    listTokens: (p: Principal, args: { limit: number; cursor?: string }) => d.repos.tokens.list(p.tenantId, args),

    async createToken(p: Principal, input: { name: string; scope: TokenScope }, meta: RequestMeta) {
      const secret = d.secrets.token(TOKEN_PREFIX);
      const now = d.clock.now();
      const id = d.newId();
      await d.uow(async (r) => {
        await r.tokens.insert({ id, tenantId: p.tenantId, userId: p.userId, name: input.name, scope: input.scope, tokenHash: d.secrets.digest(secret), createdAt: now });
        await writeAudit(r, d.newId, now, {
          tenantId: p.tenantId,
          actorId: p.userId,
          action: 'token.created',
          targetType: 'api_token',
          targetId: id,
          ip: meta.ip,
          details: { name: input.name, scope: input.scope },
        });
      });
      const token = await d.repos.tokens.byId(p.tenantId, id);
      return { token: token!, secret };
    },

    async revokeToken(p: Principal, id: string, meta: RequestMeta): Promise<void> {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const t = await r.tokens.byId(p.tenantId, id);
        if (!t) throw notFound('API token');
        if (!(await r.tokens.revoke(p.tenantId, id, now))) throw new AppError('conflict', 'This token was already revoked');
        await r.events.append(
          p.tenantId,
          [draftEvent(d.newId, { type: 'token.revoked', aggregateType: 'api_token', aggregateId: id, actorId: p.userId, topics: [`user:${t.userId}`], payload: { tokenId: id } })],
          now,
        );
        await writeAudit(r, d.newId, now, {
          tenantId: p.tenantId,
          actorId: p.userId,
          action: 'token.deleted',
          targetType: 'api_token',
          targetId: id,
          ip: meta.ip,
          details: { name: t.name },
        });
      });
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
