import type { Repos } from '../storage/repos.ts';
import type { IdGen } from './context.ts';

export interface AuditInput {
  tenantId: string;
  actorId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/** Writes one audit_log row. Never put a password, token or secret into `details`. */
export async function writeAudit(repos: Repos, newId: IdGen, at: Date, a: AuditInput): Promise<void> {
  await repos.audit.insert({
    id: newId(),
    tenantId: a.tenantId,
    actorId: a.actorId,
    action: a.action,
    targetType: a.targetType ?? null,
    targetId: a.targetId ?? null,
    ip: a.ip ?? null,
    details: a.details ?? {},
    createdAt: at,
  });
}
