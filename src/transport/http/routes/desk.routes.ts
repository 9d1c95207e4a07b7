import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParams, page } from '../../../contracts/common.ts';
import { message } from '../../../contracts/conversations.ts';
import {
  cannedBody,
  cannedListQuery,
  cannedPatch,
  cannedResponse,
  deskConversation,
  deskListQuery,
  disposition,
  dispositionBody,
  dispositionListQuery,
  dispositionPatch,
  noteBody,
  readBody,
  readMarker,
  renderCannedBody,
  renderedCanned,
  wrapUp,
  wrapUpBody,
  wrapUpResult,
} from '../../../contracts/desk.ts';
import type { CannedResponseRow } from '../../../storage/canned-responses.repo.ts';
import type { DispositionRow, WrapUpRow } from '../../../storage/dispositions.repo.ts';
import { AppError } from '../../../core/errors.ts';
import { principalOf } from '../context.ts';
import { conversationDto, messageDto } from '../conversations-dto.ts';
import type { Services } from '../services.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };
const tags = ['desk'];

const cannedDto = (c: CannedResponseRow) => ({ id: c.id, shortcut: c.shortcut, title: c.title, body: c.body, createdBy: c.createdBy, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() });
const dispositionDto = (x: DispositionRow) => ({ id: x.id, code: x.code, label: x.label, active: x.active, position: Number(x.position), createdAt: x.createdAt.toISOString(), updatedAt: x.updatedAt.toISOString() });
const wrapUpDto = (w: WrapUpRow) => ({ ...w, wrappedUpAt: w.wrappedUpAt.toISOString() });

/** The agent desk: canned responses, disposition codes, wrap-up, read markers, the agent's list, notes. */
export const deskRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services: s }) => {
  const d = s.desk;

  app.get('/canned-responses', {
    config: { permission: 'desk.use' },
    schema: { tags, summary: 'Canned responses, oldest first; q matches the shortcut, title or text', querystring: cannedListQuery, response: { 200: page(cannedResponse), ...errors } },
  }, async (req) => {
    const r = await d.listCanned(principalOf(req), req.query);
    return { items: r.items.map(cannedDto), nextCursor: r.nextCursor };
  });

  app.post('/canned-responses', {
    config: { permission: 'tickets.share' },
    schema: { tags, summary: 'Create a canned response; variables: {{customer.first_name}}, {{customer.name}}, {{agent.first_name}}, {{agent.name}}, {{conversation.id}}', body: cannedBody, response: { 201: cannedResponse, ...errors } },
  }, async (req, reply) => reply.code(201).send(cannedDto(await d.createCanned(principalOf(req), req.body))));

  app.get('/canned-responses/:id', {
    config: { permission: 'desk.use' },
    schema: { tags, summary: 'One canned response', params: idParams, response: { 200: cannedResponse, ...errors } },
  }, async (req) => cannedDto(await d.getCanned(principalOf(req), req.params.id)));

  app.patch('/canned-responses/:id', {
    config: { permission: 'tickets.share' },
    schema: { tags, summary: 'Change a canned response', params: idParams, body: cannedPatch, response: { 200: cannedResponse, ...errors } },
  }, async (req) => cannedDto(await d.updateCanned(principalOf(req), req.params.id, req.body)));

  app.delete('/canned-responses/:id', {
    config: { permission: 'tickets.share' },
    schema: { tags, summary: 'Delete a canned response', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await d.removeCanned(principalOf(req), req.params.id);
    return reply.code(204).send(null);
  });

  app.post('/canned-responses/:id/render', {
    config: { permission: 'desk.use' },
    schema: { tags, summary: 'The canned response for one conversation, variables filled; unknown ones stay visible and are listed', params: idParams, body: renderCannedBody, response: { 200: renderedCanned, ...errors } },
  }, async (req) => d.renderCanned(principalOf(req), req.params.id, req.body.conversationId));

  app.get('/dispositions', {
    config: { permission: 'desk.use' },
    schema: { tags, summary: 'Disposition codes in display order (active only unless includeInactive=true)', querystring: dispositionListQuery, response: { 200: z.object({ items: z.array(disposition) }), ...errors } },
  }, async (req) => ({ items: (await d.listDispositions(principalOf(req), req.query.includeInactive === 'true')).map(dispositionDto) }));

  app.post('/dispositions', {
    config: { permission: 'routing.configure' },
    schema: { tags, summary: 'Create a disposition code', body: dispositionBody, response: { 201: disposition, ...errors } },
  }, async (req, reply) => reply.code(201).send(dispositionDto(await d.createDisposition(principalOf(req), req.body))));

  app.patch('/dispositions/:id', {
    config: { permission: 'routing.configure' },
    schema: { tags, summary: 'Change a disposition code (rename, reorder, retire with active=false)', params: idParams, body: dispositionPatch, response: { 200: disposition, ...errors } },
  }, async (req) => dispositionDto(await d.updateDisposition(principalOf(req), req.params.id, req.body)));

  app.delete('/dispositions/:id', {
    config: { permission: 'routing.configure' },
    schema: { tags, summary: 'Delete a disposition code (past wrap-ups keep their code and label)', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await d.removeDisposition(principalOf(req), req.params.id);
    return reply.code(204).send(null);
  });

  app.get('/desk/conversations', {
    config: { permission: 'desk.use' },
    schema: { tags, summary: "The signed-in agent's assigned open and pending conversations, with unread counts, last message and waiting time", querystring: deskListQuery, response: { 200: z.object({ items: z.array(deskConversation) }), ...errors } },
  }, async (req) => {
    const p = principalOf(req);
    const rows = await d.deskList(p, req.query.limit);
    const who = await s.customers.summaries(p, rows.map((x) => x.conversation.customerId));
    return {
      items: rows.map(({ conversation: c, extras: e }) => ({
        ...conversationDto(c),
        customer: who.get(c.customerId),
        channel: e.channel as z.infer<typeof deskConversation>['channel'],
        inboxName: e.inboxName,
        unread: e.unread,
        readSeq: e.readSeq,
        lastMessage: e.lastMessage && { ...e.lastMessage, at: e.lastMessage.at.toISOString() },
        waitingSince: e.waitingSince?.toISOString() ?? null,
        ticketIds: e.ticketIds,
      })),
    };
  });

  app.put('/conversations/:id/read', {
    config: { permission: 'conversations.read' },
    schema: { tags, summary: "Move the signed-in user's read marker forward to seq (never back)", params: idParams, body: readBody, response: { 200: readMarker, ...errors } },
  }, async (req) => d.markRead(principalOf(req), req.params.id, req.body.seq));

  app.post('/conversations/:id/notes', {
    config: { permission: 'conversations.manage' },
    schema: { tags, summary: 'An internal note; each user in mentionIds is notified', params: idParams, body: noteBody, response: { 201: message, ...errors } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const m = await d.postNote(p, req.params.id, req.body);
    const files = await s.attachments.forMessages(p.tenantId, [m.id]);
    return reply.code(201).send(messageDto(m, files.get(m.id)));
  });

  app.post('/conversations/:id/wrap-up', {
    config: { permission: 'conversations.manage' },
    schema: { tags, summary: 'Resolve with a disposition code (required when the workspace has any) and an optional note', params: idParams, body: wrapUpBody, response: { 200: wrapUpResult, ...errors } },
  }, async (req) => {
    const r = await d.wrapUp(principalOf(req), req.params.id, req.body);
    return { conversation: conversationDto(r.conversation), wrapUp: wrapUpDto(r.wrapUp) };
  });

  app.get('/conversations/:id/wrap-up', {
    config: { permission: 'conversations.read' },
    schema: { tags, summary: 'How the conversation was wrapped up (404 before it was)', params: idParams, response: { 200: wrapUp, ...errors } },
  }, async (req) => {
    const p = principalOf(req);
    await s.conversations.get(p, req.params.id);
    const w = await d.wrapUpOf(p, req.params.id);
    if (!w) throw new AppError('not_found', 'This conversation has not been wrapped up yet');
    return wrapUpDto(w);
  });
};
