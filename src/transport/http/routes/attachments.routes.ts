import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParams } from '../../../contracts/common.ts';
import { attachment, downloadQuery, uploadQuery, type Attachment } from '../../../contracts/attachments.ts';
import { TooLargeError } from '../../../core/attachments/service.ts';
import { ATTACHMENT_CSP, contentDisposition, isInlineSafe } from '../../../core/attachments/files.ts';
import type { AttachmentRow } from '../../../storage/attachments.repo.ts';
import { principalOf } from '../context.ts';
import { attachmentRefDto } from '../conversations-dto.ts';
import type { Services } from '../services.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 413: errorBody, 429: errorBody };

export const attachmentDto = (a: AttachmentRow): Attachment => ({
  ...attachmentRefDto(a),
  sha256: a.sha256,
  conversationId: a.conversationId,
  messageId: a.messageId,
  createdAt: a.createdAt.toISOString(),
});

/** Upload (raw body) and download of attachment files. */
export const attachmentsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services: s }) => {
  // In this plugin only: every body is the file itself, of any type, read by the handler as a stream.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));

  app.post('/attachments', {
    config: { permission: 'conversations.manage', streamedBody: true },
    schema: {
      tags: ['attachments'],
      summary: `Upload a file: the raw bytes as the body, Content-Type the file's type, the name in an x-filename header (URL-encoded) or ?filename=. Attach it to a message within 24 h with attachmentIds, or it is removed.`,
      querystring: uploadQuery,
      response: { 201: attachment, ...errors },
    },
  }, async (req, reply) => {
    const header = req.headers['x-filename'];
    let filename = req.query.filename ?? (typeof header === 'string' ? header : '');
    try {
      if (typeof header === 'string' && req.query.filename === undefined) filename = decodeURIComponent(header);
    } catch {
      // Not URL-encoded: the header as sent.
    }
    const len = req.headers['content-length'];
    const declaredSize = len !== undefined && /^\d+$/.test(len) ? Number(len) : undefined;
    if (declaredSize === 0) {
      return reply.code(400).send({ error: { code: 'invalid', message: 'The file is empty; send its bytes as the request body', details: [{ path: 'body', message: 'empty' }] } });
    }
    try {
      const row = await s.attachments.upload(principalOf(req), { filename, contentType: req.headers['content-type'], data: req.raw, declaredSize });
      return reply.code(201).send(attachmentDto(row));
    } catch (e) {
      if (e instanceof TooLargeError) {
        // Nothing more of this body is wanted: tell the client and close the connection after the answer.
        reply.header('connection', 'close');
        return reply.code(413).send({ error: { code: 'invalid', message: e.message, details: [{ path: 'body', message: `larger than ${e.limitBytes} bytes`, limitBytes: e.limitBytes }] } });
      }
      throw e;
    }
  });

  app.get('/attachments/:id', {
    config: { permission: 'conversations.read' },
    schema: {
      tags: ['attachments'],
      summary: 'Download a file. Always sent as an attachment, except PNG, JPEG, GIF and WebP images with ?disposition=inline; never sniffed, sandboxed.',
      params: idParams,
      querystring: downloadQuery,
      response: { 200: z.unknown().describe('The file bytes'), ...errors },
    },
  }, async (req, reply) => {
    const { attachment: a, stream } = await s.attachments.open(principalOf(req), req.params.id);
    const inline = req.query.disposition === 'inline' && isInlineSafe(a.contentType);
    return reply
      .header('content-type', a.contentType)
      .header('content-length', String(a.sizeBytes))
      .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', a.filename))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', ATTACHMENT_CSP)
      .header('cross-origin-resource-policy', 'same-origin')
      .header('cache-control', 'private, max-age=3600')
      .header('etag', `"${a.sha256}"`)
      .send(stream);
  });
};
