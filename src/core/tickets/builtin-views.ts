import type { MacroActions, ViewFilters, ViewSort } from '../../contracts/tickets.ts';
import type { Repos } from '../../storage/repos.ts';
import type { IdGen } from '../context.ts';

const open = ['new', 'open', 'pending', 'on-hold'] as const;

/** The views every workspace starts with (shared with everyone, no owner). */
export const builtinViews: { name: string; filters: ViewFilters; sort: ViewSort }[] = [
  { name: 'My open tickets', filters: { assignee: 'me', status: [...open] }, sort: { field: 'updated', direction: 'desc' } },
  { name: 'Unassigned', filters: { assignee: 'unassigned', status: [...open] }, sort: { field: 'created', direction: 'asc' } },
  { name: 'All open', filters: { status: [...open] }, sort: { field: 'priority', direction: 'desc' } },
  { name: 'Recently solved', filters: { status: ['solved'] }, sort: { field: 'updated', direction: 'desc' } },
];

/** Shared demo macros. */
export const demoMacros: { name: string; description: string; actions: MacroActions }[] = [
  { name: 'Take it', description: 'Assign to me and open', actions: { assignee: 'current', status: 'open' } },
  { name: 'Ask for details', description: 'Ask the requester for more information and wait', actions: { status: 'pending', publicReply: 'Thanks for getting in touch. Could you send us a few more details (order number, screenshots) so we can help?', addTags: ['needs-info'] } },
  { name: 'Solve with thanks', description: 'Reply, solve and clear waiting tags', actions: { status: 'solved', publicReply: 'We have solved this for you. Reply to this message if anything is still wrong.', removeTags: ['needs-info'] } },
];

/** Inserts the built-in views (and, for the demo, the shared macros) into a workspace. */
export async function seedTicketWorkflows(r: Repos, tenantId: string, newId: IdGen, at: Date, opts: { macros: boolean }): Promise<void> {
  for (const [i, v] of builtinViews.entries()) {
    await r.ticketViews.insert({ id: newId(), tenantId, ownerId: null, name: v.name, scope: 'everyone', teamId: null, filters: v.filters, sort: v.sort, position: i * 10, at });
  }
  if (!opts.macros) return;
  for (const m of demoMacros) {
    await r.ticketMacros.insert({ id: newId(), tenantId, ownerId: null, name: m.name, description: m.description, scope: 'everyone', teamId: null, actions: m.actions, at });
  }
}
