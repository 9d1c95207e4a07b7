import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParams, page } from '../../../contracts/common.ts';
import {
  createCommentBody,
  createTicketBody,
  createTicketFieldBody,
  followerParams,
  historyQuery,
  listTicketFieldsQuery,
  listTicketsQuery,
  ticket,
  ticketComment,
  ticketConversationParams,
  ticketField,
  ticketHistoryEntry,
  updateTicketBody,
  updateTicketFieldBody,
} from '../../../contracts/tickets.ts';
import { principalOf } from '../context.ts';
import { ticketCommentDto, ticketDto, ticketFieldDto, ticketHistoryDto } from '../tickets-dto.ts';
import type { Services } from '../services.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };

export const ticketsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services: s }) => {
  const t = s.tickets;

  app.get('/tickets', {
    config: { permission: 'tickets.read' },
    schema: {
      tags: ['tickets'],
      summary: 'Tickets, newest first; filter by status, assignee, requester, team, linked conversation, tag; q searches the subject (or #number)',
      querystring: listTicketsQuery,
      response: { 200: page(ticket), ...errors },
    },
  }, async (req) => {
    const r = await t.list(principalOf(req), req.query);
    return { items: r.items.map(ticketDto), nextCursor: r.nextCursor };
  });

  app.post('/tickets', {
    config: { permission: 'tickets.manage' },
    schema: { tags: ['tickets'], summary: 'Create a ticket; it gets the next number of the workspace', body: createTicketBody, response: { 201: ticket, ...errors } },
  }, async (req, reply) => reply.code(201).send(ticketDto(await t.create(principalOf(req), req.body))));

  app.get('/tickets/:id', {
    config: { permission: 'tickets.read' },
    schema: { tags: ['tickets'], summary: 'One ticket with its followers and linked conversations', params: idParams, response: { 200: ticket, ...errors } },
  }, async (req) => ticketDto(await t.get(principalOf(req), req.params.id)));

  app.patch('/tickets/:id', {
    config: { permission: 'tickets.manage' },
    schema: {
      tags: ['tickets'],
      summary: 'Change a ticket: status (closed is final: 409), priority, type, subject, requester, assignee, team, tags (replace), custom (merge; null clears)',
      params: idParams,
      body: updateTicketBody,
      response: { 200: ticket, ...errors },
    },
  }, async (req) => ticketDto(await t.update(principalOf(req), req.params.id, req.body)));

  app.put('/tickets/:id/followers/:userId', {
    config: { permission: 'tickets.manage' },
    schema: { tags: ['tickets'], summary: 'Add a follower (idempotent)', params: followerParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await t.setFollower(principalOf(req), req.params.id, req.params.userId, true);
    return reply.code(204).send(null);
  });

  app.delete('/tickets/:id/followers/:userId', {
    config: { permission: 'tickets.manage' },
    schema: { tags: ['tickets'], summary: 'Remove a follower', params: followerParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await t.setFollower(principalOf(req), req.params.id, req.params.userId, false);
    return reply.code(204).send(null);
  });

  app.put('/tickets/:id/conversations/:conversationId', {
    config: { permission: 'tickets.manage' },
    schema: { tags: ['tickets'], summary: 'Link a conversation of the workspace to the ticket (idempotent)', params: ticketConversationParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await t.setLink(principalOf(req), req.params.id, req.params.conversationId, true);
    return reply.code(204).send(null);
  });

  app.delete('/tickets/:id/conversations/:conversationId', {
    config: { permission: 'tickets.manage' },
    schema: { tags: ['tickets'], summary: 'Unlink a conversation from the ticket', params: ticketConversationParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await t.setLink(principalOf(req), req.params.id, req.params.conversationId, false);
    return reply.code(204).send(null);
  });

  app.get('/tickets/:id/comments', {
    config: { permission: 'tickets.read' },
    schema: { tags: ['tickets'], summary: 'Internal notes of a ticket, oldest first', params: idParams, querystring: historyQuery, response: { 200: page(ticketComment), ...errors } },
  }, async (req) => {
    const r = await t.comments(principalOf(req), req.params.id, req.query);
    return { items: r.items.map(ticketCommentDto), nextCursor: r.nextCursor };
  });

  app.post('/tickets/:id/comments', {
    config: { permission: 'tickets.manage' },
    schema: {
      tags: ['tickets'],
      summary: 'Add an internal note; HTML is sanitized; users written as @email or listed in mentions get the event on user:<id>',
      params: idParams,
      body: createCommentBody,
      response: { 201: ticketComment, ...errors },
    },
  }, async (req, reply) => reply.code(201).send(ticketCommentDto(await t.addComment(principalOf(req), req.params.id, req.body))));

  app.get('/tickets/:id/history', {
    config: { permission: 'tickets.read' },
    schema: { tags: ['tickets'], summary: 'Who changed what on a ticket (its events), newest first', params: idParams, querystring: historyQuery, response: { 200: page(ticketHistoryEntry), ...errors } },
  }, async (req) => {
    const r = await t.history(principalOf(req), req.params.id, req.query);
    return { items: r.items.map(ticketHistoryDto), nextCursor: r.nextCursor };
  });

  app.get('/ticket-fields', {
    config: { permission: 'tickets.read' },
    schema: { tags: ['tickets'], summary: 'Custom ticket field definitions', querystring: listTicketFieldsQuery, response: { 200: page(ticketField), ...errors } },
  }, async (req) => {
    const r = await t.listFields(principalOf(req), req.query);
    return { items: r.items.map(ticketFieldDto), nextCursor: r.nextCursor };
  });

  app.post('/ticket-fields', {
    config: { permission: 'tickets.configure' },
    schema: { tags: ['tickets'], summary: 'Define a custom ticket field (text, number, date, dropdown with options, checkbox)', body: createTicketFieldBody, response: { 201: ticketField, ...errors } },
  }, async (req, reply) => reply.code(201).send(ticketFieldDto(await t.createField(principalOf(req), req.body))));

  app.patch('/ticket-fields/:id', {
    config: { permission: 'tickets.configure' },
    schema: { tags: ['tickets'], summary: 'Change a field\'s label, options or required flag (key and type are fixed)', params: idParams, body: updateTicketFieldBody, response: { 200: ticketField, ...errors } },
  }, async (req) => ticketFieldDto(await t.updateField(principalOf(req), req.params.id, req.body)));

  app.delete('/ticket-fields/:id', {
    config: { permission: 'tickets.configure' },
    schema: { tags: ['tickets'], summary: 'Delete a field definition and its values on every ticket', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await t.removeField(principalOf(req), req.params.id);
    return reply.code(204).send(null);
  });
};
