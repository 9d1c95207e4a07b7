import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams, listQuery, page } from '../../../contracts/common.ts';
import {
  conversation,
  createInboxBody,
  inbox,
  intakeBody,
  intakeResponse,
  listConversationsQuery,
  listMessagesQuery,
  message,
  postMessageBody,
  updateConversationBody,
  updateInboxBody,
} from '../../../contracts/conversations.ts';
import { principalOf } from '../context.ts';
import { conversationDto, inboxDto, messageDto } from '../conversations-dto.ts';
import type { Services } from '../services.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };

export const conversationsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services: s }) => {
  const c = s.conversations;

  app.get('/inboxes', {
    config: { permission: 'conversations.read' },
    schema: { tags: ['inboxes'], summary: 'Inboxes of the workspace', querystring: listQuery.omit({ q: true }), response: { 200: page(inbox), ...errors } },
  }, async (req) => {
    const r = await c.listInboxes(principalOf(req), req.query);
    return { items: r.items.map(inboxDto), nextCursor: r.nextCursor };
  });

  app.post('/inboxes', {
    config: { permission: 'inboxes.manage' },
    schema: { tags: ['inboxes'], summary: 'Create an inbox (one channel endpoint)', body: createInboxBody, response: { 201: inbox, ...errors } },
  }, async (req, reply) => reply.code(201).send(inboxDto(await c.createInbox(principalOf(req), req.body))));

  app.get('/inboxes/:id', {
    config: { permission: 'conversations.read' },
    schema: { tags: ['inboxes'], summary: 'One inbox', params: idParams, response: { 200: inbox, ...errors } },
  }, async (req) => inboxDto(await c.getInbox(principalOf(req), req.params.id)));

  app.patch('/inboxes/:id', {
    config: { permission: 'inboxes.manage' },
    schema: { tags: ['inboxes'], summary: 'Rename an inbox or change its reopen window and settings', params: idParams, body: updateInboxBody, response: { 200: inbox, ...errors } },
  }, async (req) => inboxDto(await c.updateInbox(principalOf(req), req.params.id, req.body)));

  app.post('/inboxes/:id/messages', {
    config: { permission: 'conversations.manage' },
    // Room for base64 attachments (4/3 of the bytes) up to ATTACHMENT_MAX_BYTES in all, and the text.
    bodyLimit: Math.ceil((s.attachments.maxBytes * 4) / 3) + 1_048_576,
    schema: {
      tags: ['inboxes'],
      summary: 'Hand in an inbound message (the API channel); idempotent on providerMessageId: 201 when stored, 200 when seen before',
      params: idParams,
      body: intakeBody,
      response: { 200: intakeResponse, 201: intakeResponse, ...errors },
    },
  }, async (req, reply) => {
    const b = req.body;
    const r = await c.intake(principalOf(req).tenantId, {
      inboxId: req.params.id,
      providerMessageId: b.providerMessageId,
      from: b.from,
      text: b.text,
      html: b.html,
      at: b.at ? new Date(b.at) : undefined,
      attachments: b.attachments?.map((f) => ({ filename: f.filename, contentType: f.contentType, data: Buffer.from(f.dataBase64, 'base64') })),
    });
    const files = await s.attachments.forMessages(r.message.tenantId, [r.message.id]);
    return reply.code(r.created ? 201 : 200).send({ conversation: conversationDto(r.conversation), message: messageDto(r.message, files.get(r.message.id)) });
  });

  app.get('/conversations', {
    config: { permission: 'conversations.read' },
    schema: { tags: ['conversations'], summary: 'Conversations, newest first; filter by status, inbox, assignee, customer', querystring: listConversationsQuery, response: { 200: page(conversation), ...errors } },
  }, async (req) => {
    const p = principalOf(req);
    const r = await c.list(p, req.query);
    const who = await s.customers.summaries(p, r.items.map((x) => x.customerId));
    return { items: r.items.map((x) => ({ ...conversationDto(x), customer: who.get(x.customerId) })), nextCursor: r.nextCursor };
  });

  app.get('/conversations/:id', {
    config: { permission: 'conversations.read' },
    schema: { tags: ['conversations'], summary: 'One conversation', params: idParams, response: { 200: conversation, ...errors } },
  }, async (req) => conversationDto(await c.get(principalOf(req), req.params.id)));

  app.patch('/conversations/:id', {
    config: { permission: 'conversations.manage' },
    schema: { tags: ['conversations'], summary: 'Change status (snoozed needs snoozedUntil), priority, assignee or team', params: idParams, body: updateConversationBody, response: { 200: conversation, ...errors } },
  }, async (req) => {
    const { snoozedUntil, ...rest } = req.body;
    return conversationDto(await c.update(principalOf(req), req.params.id, { ...rest, ...(snoozedUntil !== undefined && { snoozedUntil: new Date(snoozedUntil) }) }));
  });

  app.get('/conversations/:id/messages', {
    config: { permission: 'conversations.read' },
    schema: { tags: ['conversations'], summary: 'Messages of a conversation in order (seq), oldest first', params: idParams, querystring: listMessagesQuery, response: { 200: page(message), ...errors } },
  }, async (req) => {
    const p = principalOf(req);
    const r = await c.messages(p, req.params.id, req.query);
    const files = await s.attachments.forMessages(p.tenantId, r.items.map((m) => m.id));
    return { items: r.items.map((m) => messageDto(m, files.get(m.id))), nextCursor: r.nextCursor };
  });

  app.post('/conversations/:id/messages', {
    config: { permission: 'conversations.manage' },
    schema: { tags: ['conversations'], summary: 'Reply to the customer or add an internal note', params: idParams, body: postMessageBody, response: { 201: message, ...errors } },
  }, async (req, reply) => {
    const m = await c.postMessage(principalOf(req), req.params.id, req.body);
    const files = await s.attachments.forMessages(m.tenantId, [m.id]);
    return reply.code(201).send(messageDto(m, files.get(m.id)));
  });
};
