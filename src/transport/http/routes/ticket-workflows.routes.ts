import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParams, page } from '../../../contracts/common.ts';
import {
  applyMacroBody,
  bulkResult,
  bulkTicketsBody,
  createTicketMacroBody,
  createTicketViewBody,
  listMacrosQuery,
  mergeTicketsBody,
  ticket,
  ticketMacro,
  ticketView,
  updateTicketMacroBody,
  updateTicketViewBody,
  viewTicketsQuery,
} from '../../../contracts/tickets.ts';
import { principalOf } from '../context.ts';
import { ticketDto, ticketMacroDto, ticketViewDto } from '../tickets-dto.ts';
import type { Services } from '../services.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };

/** Views, macros, bulk changes and merges of tickets (docs/decisions/005-tickets.md). */
export const ticketWorkflowRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services: s }) => {
  const t = s.tickets;

  app.get('/ticket-views', {
    config: { permission: 'tickets.read' },
    schema: { tags: ['tickets'], summary: 'Saved ticket views the caller may see, in sidebar order, each with the count of its tickets the caller may see', response: { 200: z.object({ items: z.array(ticketView) }), ...errors } },
  }, async (req) => ({ items: (await t.listViews(principalOf(req))).map(ticketViewDto) }));

  app.post('/ticket-views', {
    config: { permission: 'tickets.read' },
    schema: { tags: ['tickets'], summary: 'Save a ticket view: personal (scope me) or shared with a team or everyone (needs tickets.share)', body: createTicketViewBody, response: { 201: ticketView, ...errors } },
  }, async (req, reply) => reply.code(201).send(ticketViewDto(await t.createView(principalOf(req), req.body))));

  app.get('/ticket-views/:id', {
    config: { permission: 'tickets.read' },
    schema: { tags: ['tickets'], summary: 'One ticket view', params: idParams, response: { 200: ticketView, ...errors } },
  }, async (req) => ticketViewDto(await t.getView(principalOf(req), req.params.id)));

  app.patch('/ticket-views/:id', {
    config: { permission: 'tickets.read' },
    schema: { tags: ['tickets'], summary: 'Change a ticket view (own personal views; shared ones need tickets.share)', params: idParams, body: updateTicketViewBody, response: { 200: ticketView, ...errors } },
  }, async (req) => ticketViewDto(await t.updateView(principalOf(req), req.params.id, req.body)));

  app.delete('/ticket-views/:id', {
    config: { permission: 'tickets.read' },
    schema: { tags: ['tickets'], summary: 'Delete a ticket view', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await t.removeView(principalOf(req), req.params.id);
    return reply.code(204).send(null);
  });

  app.get('/ticket-views/:id/tickets', {
    config: { permission: 'tickets.read' },
    schema: { tags: ['tickets'], summary: 'The tickets of a view that the caller may see, in the view\'s sort, in cursor pages', params: idParams, querystring: viewTicketsQuery, response: { 200: page(ticket), ...errors } },
  }, async (req) => {
    const r = await t.viewTickets(principalOf(req), req.params.id, req.query);
    return { items: r.items.map(ticketDto), nextCursor: r.nextCursor };
  });

  app.get('/ticket-macros', {
    config: { permission: 'tickets.read' },
    schema: { tags: ['tickets'], summary: 'Macros the caller may apply: their own, their teams\' and everyone\'s; q searches the name', querystring: listMacrosQuery, response: { 200: page(ticketMacro), ...errors } },
  }, async (req) => {
    const r = await t.listMacros(principalOf(req), req.query);
    return { items: r.items.map(ticketMacroDto), nextCursor: r.nextCursor };
  });

  app.post('/ticket-macros', {
    config: { permission: 'tickets.manage' },
    schema: { tags: ['tickets'], summary: 'Create a macro: personal (scope me) or shared with a team or everyone (needs tickets.share)', body: createTicketMacroBody, response: { 201: ticketMacro, ...errors } },
  }, async (req, reply) => reply.code(201).send(ticketMacroDto(await t.createMacro(principalOf(req), req.body))));

  app.get('/ticket-macros/:id', {
    config: { permission: 'tickets.read' },
    schema: { tags: ['tickets'], summary: 'One macro', params: idParams, response: { 200: ticketMacro, ...errors } },
  }, async (req) => ticketMacroDto(await t.usableMacro(principalOf(req), req.params.id)));

  app.patch('/ticket-macros/:id', {
    config: { permission: 'tickets.manage' },
    schema: { tags: ['tickets'], summary: 'Change a macro (own personal macros; shared ones need tickets.share)', params: idParams, body: updateTicketMacroBody, response: { 200: ticketMacro, ...errors } },
  }, async (req) => ticketMacroDto(await t.updateMacro(principalOf(req), req.params.id, req.body)));

  app.delete('/ticket-macros/:id', {
    config: { permission: 'tickets.manage' },
    schema: { tags: ['tickets'], summary: 'Delete a macro', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await t.removeMacro(principalOf(req), req.params.id);
    return reply.code(204).send(null);
  });

  app.post('/tickets/:id/apply-macro', {
    config: { permission: 'tickets.manage' },
    schema: { tags: ['tickets'], summary: 'Apply a macro (status, priority, type, assignee, team, tags, public reply, internal note) in one transaction', params: idParams, body: applyMacroBody, response: { 200: ticket, ...errors } },
  }, async (req) => ticketDto(await t.applyMacro(principalOf(req), req.params.id, req.body.macroId)));

  app.post('/tickets/bulk', {
    config: { permission: 'tickets.manage' },
    schema: {
      tags: ['tickets'],
      summary: 'Change and/or apply a macro to up to 100 tickets; each in its own transaction, with a result per ticket (not found for tickets the caller may not see)',
      body: bulkTicketsBody,
      response: { 200: bulkResult, ...errors },
    },
  }, async (req) => ({ results: await t.bulk(principalOf(req), req.body) }));

  app.post('/tickets/:id/merge', {
    config: { permission: 'tickets.manage' },
    schema: {
      tags: ['tickets'],
      summary: 'Merge source tickets into this one (not undoable): notes, links, followers and tags move; sources are closed with mergedIntoId',
      params: idParams,
      body: mergeTicketsBody,
      response: { 200: ticket, ...errors },
    },
  }, async (req) => {
    await t.merge(principalOf(req), req.params.id, req.body.sourceIds);
    return ticketDto(await t.get(principalOf(req), req.params.id));
  });
};
