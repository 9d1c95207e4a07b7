import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParams, listQuery, page, uuid } from '../../../contracts/common.ts';
import { createNoteBody, customerNote, eraseBody, erasureResult, timelineItem, timelineQuery, type CustomerNote, type TimelineItem } from '../../../contracts/customer-360.ts';
import type { CustomerNoteRow } from '../../../storage/customer-notes.repo.ts';
import type { TimelineRow } from '../../../storage/timeline.repo.ts';
import { metaOf, principalOf } from '../context.ts';
import type { Services } from '../services.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };

const noteDto = (n: CustomerNoteRow): CustomerNote => ({ id: n.id, customerId: n.customerId, authorId: n.authorId, text: n.text, html: n.html, createdAt: n.createdAt.toISOString() });
const timelineDto = (t: TimelineRow): TimelineItem => ({ kind: t.kind, id: t.id, at: t.at.toISOString(), conversationId: t.conversationId, ticketId: t.ticketId, data: t.data });

/** The customer page beyond the profile: timeline, notes, and privacy requests. */
export const customer360Routes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services: s }) => {
  const c = s.customer360;

  app.get('/customers/:id/timeline', {
    config: { permission: 'customers.read' },
    schema: {
      tags: ['customers'],
      summary: 'Everything about a customer on one timeline, newest first: conversations, calls, messages, tickets, orders, survey answers and notes',
      params: idParams,
      querystring: timelineQuery,
      response: { 200: page(timelineItem), ...errors },
    },
  }, async (req) => {
    const r = await c.timeline(principalOf(req), req.params.id, req.query);
    return { items: r.items.map(timelineDto), nextCursor: r.nextCursor };
  });

  app.get('/customers/:id/notes', {
    config: { permission: 'customers.read' },
    schema: { tags: ['customers'], summary: 'Staff notes about a customer, newest first', params: idParams, querystring: listQuery.omit({ q: true }), response: { 200: page(customerNote), ...errors } },
  }, async (req) => {
    const r = await c.notes(principalOf(req), req.params.id, req.query);
    return { items: r.items.map(noteDto), nextCursor: r.nextCursor };
  });

  app.post('/customers/:id/notes', {
    config: { permission: 'customers.manage' },
    schema: { tags: ['customers'], summary: 'Add a staff note to a customer (HTML is sanitized)', params: idParams, body: createNoteBody, response: { 201: customerNote, ...errors } },
  }, async (req, reply) => reply.code(201).send(noteDto(await c.addNote(principalOf(req), req.params.id, req.body))));

  app.delete('/customers/:id/notes/:noteId', {
    config: { permission: 'customers.manage' },
    schema: { tags: ['customers'], summary: 'Delete a note (its author, a supervisor or an admin)', params: z.object({ id: uuid, noteId: uuid }), response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await c.deleteNote(principalOf(req), req.params.id, req.params.noteId);
    return reply.code(204).send(null);
  });

  app.get('/customers/:id/export', {
    config: { permission: 'customers.privacy' },
    schema: {
      tags: ['customers', 'privacy'],
      summary: 'Everything stored about a customer (and the customers merged into it) as one JSON document, for a subject access request; audited',
      params: idParams,
      response: { 200: z.record(z.string(), z.unknown()), ...errors },
    },
  }, async (req, reply) => {
    const doc = await c.exportAll(principalOf(req), req.params.id, metaOf(req));
    reply.header('content-disposition', `attachment; filename="customer-${req.params.id}.json"`);
    reply.header('cache-control', 'no-store');
    return doc;
  });

  app.post('/customers/:id/erase', {
    config: { permission: 'customers.privacy' },
    schema: {
      tags: ['customers', 'privacy'],
      summary: 'Erase a customer\'s personal data (right to be forgotten): anonymized profile, identities and notes deleted, texts blanked; counts and audit kept. Cannot be undone',
      params: idParams,
      body: eraseBody,
      response: { 200: erasureResult, ...errors },
    },
  }, async (req) => c.erase(principalOf(req), req.params.id, req.body, metaOf(req)));
};
