import type { Permission, Role, TokenScope } from '../../contracts/auth.ts';
import { AppError } from '../errors.ts';

/** Who is making a request: a signed-in user (session) or an integration (API token). */
export interface Principal {
  tenantId: string;
  userId: string;
  role: Role;
  via: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
  scope?: TokenScope;
  permissions: ReadonlySet<Permission>;
}

export function requirePermission(p: Principal, perm: Permission): void {
  if (!p.permissions.has(perm)) {
    const how = p.via === 'token' ? `this token (scope ${p.scope}) of a ${p.role}` : `the ${p.role} role`;
    throw new AppError('forbidden', `Permission ${perm} is needed and ${how} does not have it; ask an admin for access`);
  }
}
