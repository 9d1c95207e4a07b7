import type { CreateTicketMacroBody, MacroActions, UpdateTicketBody, UpdateTicketMacroBody } from '../../contracts/tickets.ts';
import type { Repos } from '../../storage/repos.ts';
import type { TicketMacroRow } from '../../storage/ticket-macros.repo.ts';
import type { TicketRow } from '../../storage/tickets.repo.ts';
import type { Principal } from '../auth/principal.ts';
import { writeAudit } from '../audit.ts';
import type { CoreDeps } from '../deps.ts';
import { invalid, notFound } from '../errors.ts';
import { draftEvent } from '../events/draft.ts';
import { changeTicket, insertComment } from './change.ts';
import { audienceOf, checkScopeTeam, checkShareWrite, mayUse } from './sharing.ts';
import { ticketTopics } from './shared.ts';

/** The ticket change a macro's actions make on this ticket, applied by this principal. */
export function macroChange(a: MacroActions, t: Pick<TicketRow, 'tags'>, userId: string): UpdateTicketBody {
  const c: UpdateTicketBody = {};
  if (a.status !== undefined) c.status = a.status;
  if (a.priority !== undefined) c.priority = a.priority;
  if (a.type !== undefined) c.type = a.type;
  if (a.assignee !== undefined) c.assigneeId = a.assignee === 'current' ? userId : a.assignee;
  if (a.teamId !== undefined) c.teamId = a.teamId;
  if (a.addTags?.length || a.removeTags?.length) {
    const remove = new Set(a.removeTags ?? []);
    c.tags = [...new Set([...t.tags, ...(a.addTags ?? [])])].filter((tag) => !remove.has(tag));
  }
  return c;
}

/** Macro references (assignee, team) must exist when the macro is saved. */
async function checkActions(r: Repos, tenantId: string, a: MacroActions): Promise<void> {
  if (a.assignee && a.assignee !== 'current') {
    const u = await r.users.byId(tenantId, a.assignee);
    if (!u || !u.active) throw invalid('The macro assigns to a user who is not an active user of this workspace', [{ path: 'actions.assignee', message: 'unknown user' }]);
  }
  if (a.teamId && !(await r.teams.byId(tenantId, a.teamId))) throw invalid('The macro sets a team that does not exist in this workspace', [{ path: 'actions.teamId', message: 'unknown team' }]);
  const both = (a.addTags ?? []).filter((tag) => (a.removeTags ?? []).includes(tag));
  if (both.length) throw invalid(`A macro cannot both add and remove the tag "${both[0]}"`, [{ path: 'actions.removeTags', message: 'also in addTags' }]);
}

/**
 * Applies a macro to a locked ticket inside the caller's transaction: the field change (normal
 * `ticket.<what>` events), then the public reply and the internal note, then `ticket.macro_applied`
 * and the macro's usage count.
 */
export async function applyMacroIn(d: CoreDeps, r: Repos, p: Principal, t: TicketRow, m: TicketMacroRow, now: Date): Promise<void> {
  const change = macroChange(m.actions, t, p.userId);
  await changeTicket(d, r, p, t, change, now);
  const after = (await r.tickets.byId(p.tenantId, t.id))!;
  if (m.actions.publicReply) await insertComment(d, r, p, after, { text: m.actions.publicReply, mentions: [], public: true }, now);
  if (m.actions.internalNote) await insertComment(d, r, p, after, { text: m.actions.internalNote, mentions: [], public: false }, now);
  await r.ticketMacros.countUse(p.tenantId, m.id);
  await r.events.append(p.tenantId, [draftEvent(d.newId, {
    type: 'ticket.macro_applied', aggregateType: 'ticket', aggregateId: t.id, actorId: p.userId, topics: ticketTopics(t.id, after.assigneeId),
    payload: { macroId: m.id, name: m.name, number: t.number },
  })], now);
}

/** Ticket macros: personal (any agent) or shared (tickets.share), applied in one transaction. */
export function macroCrud(d: CoreDeps) {
  // A personal macro concerns its owner only; a shared one the whole workspace (lists refresh live).
  const ev = (p: Principal, id: string, type: string, payload: Record<string, unknown> & { scope: string }) =>
    draftEvent(d.newId, { type, aggregateType: 'ticket_macro', aggregateId: id, actorId: p.userId, topics: payload.scope === 'me' ? [`user:${p.userId}`] : ['tenant'], payload });
  const audit = async (r: Repos, p: Principal, m: { id: string; scope: string }, action: string, details: Record<string, unknown>, at: Date) => {
    if (m.scope !== 'me') await writeAudit(r, d.newId, at, { tenantId: p.tenantId, actorId: p.userId, action, targetType: 'ticket_macro', targetId: m.id, details });
  };
  async function usable(r: Repos, p: Principal, id: string): Promise<TicketMacroRow> {
    const m = await r.ticketMacros.byId(p.tenantId, id);
    if (!m || !mayUse(await audienceOf(r, p), m)) throw notFound('Macro');
    return m;
  }

  return {
    usableMacro: (p: Principal, id: string) => usable(d.repos, p, id),

    async listMacros(p: Principal, args: { limit: number; cursor?: string; q?: string }) {
      return d.repos.ticketMacros.list(p.tenantId, await audienceOf(d.repos, p), args);
    },

    async createMacro(p: Principal, input: CreateTicketMacroBody): Promise<TicketMacroRow> {
      checkShareWrite(p, 'macro', { scope: input.scope, ownerId: p.userId });
      const id = d.newId();
      const now = d.clock.now();
      await d.uow(async (r) => {
        const teamId = await checkScopeTeam(r, p.tenantId, input.scope, input.teamId);
        await checkActions(r, p.tenantId, input.actions);
        await r.ticketMacros.insert({ id, tenantId: p.tenantId, ownerId: p.userId, name: input.name, description: input.description, scope: input.scope, teamId, actions: input.actions, at: now });
        await r.events.append(p.tenantId, [ev(p, id, 'ticket_macro.created', { name: input.name, scope: input.scope })], now);
        await audit(r, p, { id, scope: input.scope }, 'ticket_macro.created', { name: input.name, scope: input.scope }, now);
      });
      return (await d.repos.ticketMacros.byId(p.tenantId, id))!;
    },

    async updateMacro(p: Principal, id: string, patch: UpdateTicketMacroBody): Promise<TicketMacroRow> {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const m = await usable(r, p, id);
        checkShareWrite(p, 'macro', m);
        const scope = patch.scope ?? m.scope;
        checkShareWrite(p, 'macro', { scope, ownerId: m.ownerId ?? p.userId });
        if (scope === 'me' && !m.ownerId) throw invalid('A built-in macro has no owner and cannot be made personal', [{ path: 'scope', message: 'built-in macro' }]);
        const teamId = await checkScopeTeam(r, p.tenantId, scope, patch.teamId !== undefined ? patch.teamId : patch.scope && patch.scope !== 'team' ? null : m.teamId);
        if (patch.actions) await checkActions(r, p.tenantId, patch.actions);
        await r.ticketMacros.update(p.tenantId, id, { ...patch, scope, teamId }, now);
        await r.events.append(p.tenantId, [ev(p, id, 'ticket_macro.updated', { name: patch.name ?? m.name, scope })], now);
        await audit(r, p, { id, scope: m.scope === 'me' ? scope : m.scope }, 'ticket_macro.updated', { name: patch.name ?? m.name, scope }, now);
      });
      return (await d.repos.ticketMacros.byId(p.tenantId, id))!;
    },

    async removeMacro(p: Principal, id: string): Promise<void> {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const m = await usable(r, p, id);
        checkShareWrite(p, 'macro', m);
        await r.ticketMacros.remove(p.tenantId, id);
        await r.events.append(p.tenantId, [ev(p, id, 'ticket_macro.deleted', { name: m.name, scope: m.scope })], now);
        await audit(r, p, m, 'ticket_macro.deleted', { name: m.name }, now);
      });
    },
  };
}
