import type { ApiToken, Session, User } from '../../contracts/auth.ts';
import type { Team } from '../../contracts/users.ts';
import type { UserView } from '../../storage/users.repo.ts';
import type { SessionRow } from '../../storage/sessions.repo.ts';
import type { TokenRow } from '../../storage/tokens.repo.ts';
import type { TeamView } from '../../storage/teams.repo.ts';
import type { AuditEntry } from '../../storage/audit.repo.ts';
import type { Language } from '../../contracts/common.ts';

/** Domain rows to wire shapes (ISO dates, nothing secret). */
const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export const userDto = (u: UserView): User => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  language: u.language as Language,
  active: u.active,
  createdAt: iso(u.createdAt),
  lastLoginAt: isoOrNull(u.lastLoginAt),
  teams: u.teams,
  skills: u.skills,
});

export const sessionDto = (s: SessionRow, currentId?: string): Session => ({
  id: s.id,
  createdAt: iso(s.createdAt),
  lastSeenAt: iso(s.lastSeenAt),
  expiresAt: iso(s.expiresAt),
  userAgent: s.userAgent,
  ip: s.ip,
  current: s.id === currentId,
});

export const tokenDto = (t: TokenRow): ApiToken => ({
  id: t.id,
  name: t.name,
  scope: t.scope,
  createdAt: iso(t.createdAt),
  lastUsedAt: isoOrNull(t.lastUsedAt),
  revokedAt: isoOrNull(t.revokedAt),
});

export const teamDto = (t: TeamView): Team => ({ ...t, createdAt: iso(t.createdAt) });

export const auditDto = (a: AuditEntry) => ({
  id: a.id,
  action: a.action,
  actorId: a.actorId,
  targetType: a.targetType,
  targetId: a.targetId,
  ip: a.ip,
  details: a.details,
  createdAt: iso(a.createdAt),
});
