import type { ShareScope } from '../../contracts/tickets.ts';
import type { Repos } from '../../storage/repos.ts';
import type { ShareAudience } from '../../storage/ticket-views.repo.ts';
import type { Principal } from '../auth/principal.ts';
import { AppError, invalid } from '../errors.ts';
import { seesAllTickets } from './visibility.ts';

/** Who a principal is for shared views and macros: own items, their teams' items, everyone's. */
export async function audienceOf(r: Repos, p: Principal): Promise<ShareAudience> {
  return { userId: p.userId, all: seesAllTickets(p), teamIds: seesAllTickets(p) ? [] : await r.teams.teamIdsOf(p.tenantId, p.userId) };
}

/** May the audience see (use) a shared item? */
export function mayUse(a: ShareAudience, item: { scope: ShareScope; ownerId: string | null; teamId: string | null }): boolean {
  if (item.ownerId === a.userId || item.scope === 'everyone') return true;
  if (item.scope === 'team') return a.all || (item.teamId !== null && a.teamIds.includes(item.teamId));
  return false;
}

/**
 * May the principal write an item with this scope? A personal item (`me`) only by its owner;
 * shared ones (team, everyone) need tickets.share. `what` names the thing in the message.
 */
export function checkShareWrite(p: Principal, what: string, item: { scope: ShareScope; ownerId: string | null }): void {
  if (item.scope === 'me') {
    if (item.ownerId !== p.userId) throw new AppError('forbidden', `This ${what} is personal to another user; only its owner may change it`);
    return;
  }
  if (!p.permissions.has('tickets.share')) {
    throw new AppError('forbidden', `Permission tickets.share is needed to create or change a ${what} shared with a team or everyone; make it personal (scope "me") or ask a supervisor`);
  }
}

/** scope team needs an existing team; other scopes take none. */
export async function checkScopeTeam(r: Repos, tenantId: string, scope: ShareScope, teamId: string | null): Promise<string | null> {
  if (scope !== 'team') {
    if (teamId) throw invalid(`Only a ${'team'}-shared item names a team; this one is shared with "${scope}"`, [{ path: 'teamId', message: 'only for scope team' }]);
    return null;
  }
  if (!teamId) throw invalid('A team-shared item needs the team it is shared with', [{ path: 'teamId', message: 'required for scope team' }]);
  if (!(await r.teams.byId(tenantId, teamId))) throw invalid('The team does not exist in this workspace', [{ path: 'teamId', message: 'unknown team' }]);
  return teamId;
}
