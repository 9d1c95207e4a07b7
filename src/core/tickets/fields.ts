import type { CreateTicketFieldBody, UpdateTicketFieldBody } from '../../contracts/tickets.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import type { CoreDeps } from '../deps.ts';
import type { Principal } from '../auth/principal.ts';
import { draftEvent } from '../events/draft.ts';

/** Custom ticket field definitions (admins): key and type are fixed once created. */
export function fieldActions(d: CoreDeps) {
  const checkOptions = (type: string, options: string[]) => {
    if (type === 'dropdown' && options.length === 0) throw invalid('A dropdown field needs at least one option', [{ path: 'options', message: 'empty' }]);
    if (type !== 'dropdown' && options.length > 0) throw invalid(`Only dropdown fields have options; this one is ${type}`, [{ path: 'options', message: 'not a dropdown' }]);
  };
  const ev = (p: Principal, id: string, type: string, payload: Record<string, unknown>) =>
    draftEvent(d.newId, { type, aggregateType: 'ticket_field', aggregateId: id, actorId: p.userId, topics: ['tenant'], payload });

  async function mustGetField(tenantId: string, id: string) {
    const f = await d.repos.ticketFields.byId(tenantId, id);
    if (!f) throw notFound('Ticket field');
    return f;
  }

  return {
    listFields: (p: Principal, args: { limit: number; cursor?: string }) => d.repos.ticketFields.list(p.tenantId, args),

    async createField(p: Principal, input: CreateTicketFieldBody) {
      checkOptions(input.type, input.options);
      const id = d.newId();
      const now = d.clock.now();
      await d.uow(async (r) => {
        if (!(await r.ticketFields.insert({ id, tenantId: p.tenantId, ...input, at: now }))) {
          throw new AppError('conflict', `A ticket field with key "${input.key}" already exists; pick another key`, [{ path: 'key', message: 'already in use' }]);
        }
        await r.events.append(p.tenantId, [ev(p, id, 'ticket_field.created', { ...input })], now);
      });
      return mustGetField(p.tenantId, id);
    },

    async updateField(p: Principal, id: string, patch: UpdateTicketFieldBody) {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const f = await r.ticketFields.byId(p.tenantId, id);
        if (!f) throw notFound('Ticket field');
        if (patch.options !== undefined) checkOptions(f.type, patch.options);
        await r.ticketFields.update(p.tenantId, id, patch, now);
        await r.events.append(p.tenantId, [ev(p, id, 'ticket_field.updated', { key: f.key, ...patch })], now);
      });
      return mustGetField(p.tenantId, id);
    },

    /** Deletes a definition and its values on every ticket of the tenant. */
    async removeField(p: Principal, id: string): Promise<void> {
      const now = d.clock.now();
      await d.uow(async (r) => {
        const f = await r.ticketFields.remove(p.tenantId, id);
        if (!f) throw notFound('Ticket field');
        await r.tickets.dropCustomKey(p.tenantId, f.key);
        await r.events.append(p.tenantId, [ev(p, id, 'ticket_field.deleted', { key: f.key })], now);
      });
    },
  };
}
