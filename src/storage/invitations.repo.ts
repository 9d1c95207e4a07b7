import type { Executor } from './executor.ts';

export interface InvitationRow {
  id: string;
  tenantId: string;
  userId: string;
  invitedBy: string | null;
  expiresAt: Date;
  acceptedAt: Date | null;
  createdAt: Date;
}

const cols = [
  'id',
  'tenant_id as tenantId',
  'user_id as userId',
  'invited_by as invitedBy',
  'expires_at as expiresAt',
  'accepted_at as acceptedAt',
  'created_at as createdAt',
] as const;

export function invitationsRepo(db: Executor) {
  return {
    async insert(i: Omit<InvitationRow, 'acceptedAt'> & { tokenHash: string }): Promise<void> {
      await db
        .insertInto('invitations')
        .values({
          id: i.id,
          tenant_id: i.tenantId,
          user_id: i.userId,
          token_hash: i.tokenHash,
          invited_by: i.invitedBy,
          expires_at: i.expiresAt,
          created_at: i.createdAt,
        })
        .execute();
    },
    async byHash(tokenHash: string): Promise<InvitationRow | undefined> {
      return db.selectFrom('invitations').select(cols).where('token_hash', '=', tokenHash).executeTakeFirst();
    },
    /** Marks it accepted once: false when someone accepted it first. */
    async accept(tenantId: string, id: string, at: Date): Promise<boolean> {
      const r = await db
        .updateTable('invitations')
        .set({ accepted_at: at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('accepted_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}
export type InvitationsRepo = ReturnType<typeof invitationsRepo>;
