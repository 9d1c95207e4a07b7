import type { Page } from '../contracts/common.ts';
import type { Executor } from './executor.ts';
import { keysetPage, type PageArgs } from './paginate.ts';

export interface AuditEntry {
  id: string;
  tenantId: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
}

const cols = [
  'id',
  'tenant_id as tenantId',
  'actor_id as actorId',
  'action',
  'target_type as targetType',
  'target_id as targetId',
  'ip',
  'details',
  'created_at as createdAt',
] as const;

export function auditRepo(db: Executor) {
  return {
    async insert(e: AuditEntry): Promise<void> {
      await db
        .insertInto('audit_log')
        .values({
          id: e.id,
          tenant_id: e.tenantId,
          actor_id: e.actorId,
          action: e.action,
          target_type: e.targetType,
          target_id: e.targetId,
          ip: e.ip,
          details: JSON.stringify(e.details),
          created_at: e.createdAt,
        })
        .execute();
    },
    async list(tenantId: string, args: PageArgs & { action?: string }): Promise<Page<AuditEntry>> {
      let q = db.selectFrom('audit_log').select(cols).where('tenant_id', '=', tenantId);
      if (args.action) q = q.where('action', '=', args.action);
      return keysetPage(q, 'id', args, 'desc');
    },
  };
}
export type AuditRepo = ReturnType<typeof auditRepo>;
