import type { BulkTicketsBody } from '../../contracts/tickets.ts';
import type { Principal } from '../auth/principal.ts';
import type { CoreDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { changeTicket } from './change.ts';
import { applyMacroIn } from './macros.ts';
import { audienceOf, mayUse } from './sharing.ts';
import { mustGetVisibleTicket, ticketScope } from './visibility.ts';
import { notFound } from '../errors.ts';

export interface BulkItem {
  id: string;
  ok: boolean;
  error?: { code: string; message: string };
}

/**
 * A change and/or a macro on up to 100 tickets. Each ticket gets its own transaction, so one
 * refusal (a closed ticket, a ticket the principal may not see: not found) leaves the others done.
 */
export function bulkActions(d: CoreDeps) {
  return {
    async bulk(p: Principal, input: BulkTicketsBody): Promise<BulkItem[]> {
      const macro = input.macroId ? await d.repos.ticketMacros.byId(p.tenantId, input.macroId) : undefined;
      if (input.macroId && (!macro || !mayUse(await audienceOf(d.repos, p), macro))) throw notFound('Macro');
      const scope = await ticketScope(d.repos, p);
      const results: BulkItem[] = [];
      for (const id of input.ids) {
        try {
          await d.uow(async (r) => {
            const now = d.clock.now();
            const t = await mustGetVisibleTicket(r, p, id, { lock: true, scope });
            if (input.change && Object.keys(input.change).length > 0) await changeTicket(d, r, p, t, input.change, now);
            if (macro) await applyMacroIn(d, r, p, (await r.tickets.byId(p.tenantId, id))!, macro, now);
          });
          results.push({ id, ok: true });
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          results.push({ id, ok: false, error: { code: e.code, message: e.message } });
        }
      }
      return results;
    },
  };
}
