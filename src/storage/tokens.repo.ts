import type { TokenScope } from '../contracts/auth.ts';
import type { Page } from '../contracts/common.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';

export interface TokenRow {
  id: string;
  tenantId: string;
  userId: string;
  name: string;
  scope: TokenScope;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const cols = [
  'id',
  'tenant_id as tenantId',
  'user_id as userId',
  'name',
  'scope',
  'created_at as createdAt',
  'last_used_at as lastUsedAt',
  'revoked_at as revokedAt',
] as const;

export function tokensRepo(db: Executor) {
  return {
    async insert(t: { id: string; tenantId: string; userId: string; name: string; scope: TokenScope; tokenHash: string; createdAt: Date }) {
      await db
        .insertInto('api_tokens')
        .values({
          id: t.id,
          tenant_id: t.tenantId,
          user_id: t.userId,
          name: t.name,
          scope: t.scope,
          token_hash: t.tokenHash,
          created_at: t.createdAt,
        })
        .execute();
    },
    async byId(tenantId: string, id: string): Promise<TokenRow | undefined> {
      return db.selectFrom('api_tokens').select(cols).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    },
    async liveByHash(tokenHash: string): Promise<TokenRow | undefined> {
      return db.selectFrom('api_tokens').select(cols).where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();
    },
    async list(tenantId: string, args: PageArgs): Promise<Page<TokenRow>> {
      return keysetPage(db.selectFrom('api_tokens').select(cols).where('tenant_id', '=', tenantId), 'id', args, 'desc');
    },
    async touch(tenantId: string, id: string, at: Date): Promise<void> {
      await db.updateTable('api_tokens').set({ last_used_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    },
    async revoke(tenantId: string, id: string, at: Date): Promise<boolean> {
      const r = await db
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}
export type TokensRepo = ReturnType<typeof tokensRepo>;
