import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { draftEvent } from '../events/draft.ts';
import type { CannedWrite } from '../../storage/canned-responses.repo.ts';
import type { Repos } from '../../storage/repos.ts';
import { cannedValues, renderCanned, unknownVariables } from './render.ts';

function checkBody(body: string | undefined): void {
  if (body === undefined) return;
  const unknown = unknownVariables(body);
  if (unknown.length > 0) {
    throw invalid(`Unknown variable${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `{{${u}}}`).join(', ')}; use {{customer.first_name}}, {{customer.name}}, {{agent.first_name}}, {{agent.name}} or {{conversation.id}}`, unknown.map((u) => ({ path: 'body', message: `unknown variable {{${u}}}` })));
  }
}

async function checkShortcut(r: Repos, tenantId: string, shortcut: string | undefined, self?: string): Promise<void> {
  if (shortcut === undefined) return;
  const other = await r.cannedResponses.byShortcut(tenantId, shortcut);
  if (other && other.id !== self) throw new AppError('conflict', `The shortcut /${shortcut} is taken by "${other.title}"; choose another`, [{ path: 'shortcut', message: 'already in use' }]);
}

/** Canned responses: the workspace's shared replies, found with "/" in the composer. */
export function cannedActions(d: CoreDeps) {
  const event = (p: Principal, type: string, id: string, payload: Record<string, unknown>) =>
    draftEvent(d.newId, { type, aggregateType: 'canned_response', aggregateId: id, actorId: p.userId, payload });

  return {
    listCanned: (p: Principal, args: { limit: number; cursor?: string; q?: string }) => d.repos.cannedResponses.list(p.tenantId, args),

    async getCanned(p: Principal, id: string) {
      const c = await d.repos.cannedResponses.byId(p.tenantId, id);
      if (!c) throw notFound('Canned response');
      return c;
    },

    async createCanned(p: Principal, input: CannedWrite) {
      checkBody(input.body);
      const id = d.newId();
      const now = d.clock.now();
      await d.uow(async (r) => {
        await checkShortcut(r, p.tenantId, input.shortcut);
        await r.cannedResponses.insert({ ...input, id, tenantId: p.tenantId, createdBy: p.userId, at: now });
        await r.events.append(p.tenantId, [event(p, 'canned_response.created', id, { shortcut: input.shortcut, title: input.title })], now);
      });
      return (await d.repos.cannedResponses.byId(p.tenantId, id))!;
    },

    async updateCanned(p: Principal, id: string, patch: Partial<CannedWrite>) {
      checkBody(patch.body);
      const now = d.clock.now();
      await d.uow(async (r) => {
        if (!(await r.cannedResponses.byId(p.tenantId, id))) throw notFound('Canned response');
        await checkShortcut(r, p.tenantId, patch.shortcut, id);
        await r.cannedResponses.update(p.tenantId, id, patch, now);
        await r.events.append(p.tenantId, [event(p, 'canned_response.updated', id, { fields: Object.keys(patch) })], now);
      });
      return (await d.repos.cannedResponses.byId(p.tenantId, id))!;
    },

    async removeCanned(p: Principal, id: string) {
      const now = d.clock.now();
      await d.uow(async (r) => {
        if (!(await r.cannedResponses.remove(p.tenantId, id))) throw notFound('Canned response');
        await r.events.append(p.tenantId, [event(p, 'canned_response.deleted', id, {})], now);
      });
    },

    /** The response's text for one conversation, variables filled; unknown ones stay visible. */
    async renderCanned(p: Principal, id: string, conversationId: string) {
      const c = await d.repos.cannedResponses.byId(p.tenantId, id);
      if (!c) throw notFound('Canned response');
      const conv = await d.repos.conversations.byId(p.tenantId, conversationId);
      if (!conv) throw notFound('Conversation');
      const [customer, agent] = await Promise.all([d.repos.customers.byId(p.tenantId, conv.customerId), d.repos.users.byId(p.tenantId, p.userId)]);
      return renderCanned(c.body, cannedValues({ customerName: customer?.name || null, agentName: agent?.name ?? null, conversationId: conv.id }));
    },
  };
}
