import type { Role } from '../contracts/auth.ts';
import type { Page } from '../contracts/common.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';

export interface SessionRow {
  id: string;
  tenantId: string;
  userId: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

const cols = [
  'id',
  'tenant_id as tenantId',
  'user_id as userId',
  'user_agent as userAgent',
  'ip',
  'created_at as createdAt',
  'last_seen_at as lastSeenAt',
  'expires_at as expiresAt',
] as const;

export function sessionsRepo(db: Executor) {
  return {
    async insert(s: SessionRow & { tokenHash: string }): Promise<void> {
      await db
        .insertInto('sessions')
        .values({
          id: s.id,
          tenant_id: s.tenantId,
          user_id: s.userId,
          token_hash: s.tokenHash,
          user_agent: s.userAgent,
          ip: s.ip,
          created_at: s.createdAt,
          last_seen_at: s.lastSeenAt,
          expires_at: s.expiresAt,
        })
        .execute();
    },
    /**
     * A live session of an active user by its token's hash (any tenant: the token itself names
     * it), with the user's role: one query on every authenticated request.
     */
    async liveByHash(tokenHash: string, now: Date): Promise<(SessionRow & { role: Role }) | undefined> {
      return db
        .selectFrom('sessions as s')
        .innerJoin('users as u', (j) => j.onRef('u.id', '=', 's.user_id').onRef('u.tenant_id', '=', 's.tenant_id'))
        .select([
          's.id',
          's.tenant_id as tenantId',
          's.user_id as userId',
          's.user_agent as userAgent',
          's.ip',
          's.created_at as createdAt',
          's.last_seen_at as lastSeenAt',
          's.expires_at as expiresAt',
          'u.role',
        ])
        .where('s.token_hash', '=', tokenHash)
        .where('s.revoked_at', 'is', null)
        .where('s.expires_at', '>', now)
        .where('u.active', '=', true)
        .executeTakeFirst();
    },
    async listLive(tenantId: string, userId: string, now: Date, args: PageArgs): Promise<Page<SessionRow>> {
      const q = db
        .selectFrom('sessions')
        .select(cols)
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now);
      return keysetPage(q, 'id', args, 'desc');
    },
    async touch(tenantId: string, id: string, at: Date): Promise<void> {
      await db.updateTable('sessions').set({ last_seen_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    },
    async revoke(tenantId: string, userId: string, id: string, at: Date): Promise<boolean> {
      const r = await db
        .updateTable('sessions')
        .set({ revoked_at: at })
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    /** Housekeeping: sessions that ended (expired or revoked) before `before`. */
    async purgeEnded(before: Date): Promise<number> {
      const r = await db
        .deleteFrom('sessions')
        .where((eb) => eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before)]))
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async revokeAllOf(tenantId: string, userId: string, at: Date, exceptId?: string): Promise<number> {
      let q = db
        .updateTable('sessions')
        .set({ revoked_at: at })
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null);
      if (exceptId) q = q.where('id', '!=', exceptId);
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
  };
}
export type SessionsRepo = ReturnType<typeof sessionsRepo>;
