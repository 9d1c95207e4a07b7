import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, idParams, page } from '../../../contracts/common.ts';
import {
  createSegmentBody,
  listSegmentsQuery,
  previewResponse,
  previewSegmentBody,
  segment,
  segmentMember,
  segmentMembersQuery,
  updateSegmentBody,
} from '../../../contracts/segments.ts';
import { metaOf, principalOf } from '../context.ts';
import { memberDto, segmentDto } from '../health-dto.ts';
import type { Services } from '../services.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };

const fileName = (name: string) => `segment-${name.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 60) || 'export'}.csv`;

/** Saved customer segments: read with customers.read, change and export with segments.manage. */
export const segmentsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services: s }) => {
  const g = s.segments;

  app.get('/segments', {
    config: { permission: 'customers.read' },
    schema: { tags: ['segments'], summary: 'Segments, newest first, each with its member count; q searches name and description', querystring: listSegmentsQuery, response: { 200: page(segment), ...errors } },
  }, async (req) => {
    const r = await g.list(principalOf(req), req.query);
    return { items: r.items.map(segmentDto), nextCursor: r.nextCursor };
  });

  app.post('/segments', {
    config: { permission: 'segments.manage' },
    schema: { tags: ['segments'], summary: 'Save a segment: a name and a definition { match, conditions } (409 when the name is taken)', body: createSegmentBody, response: { 201: segment, ...errors } },
  }, async (req, reply) => reply.code(201).send(segmentDto(await g.create(principalOf(req), req.body))));

  app.post('/segments/preview', {
    config: { permission: 'customers.read' },
    schema: { tags: ['segments'], summary: 'Count the customers a definition matches, with the first 10, without saving it', body: previewSegmentBody, response: { 200: previewResponse, ...errors } },
  }, async (req) => {
    const r = await g.preview(principalOf(req), req.body.definition);
    return { count: r.count, sample: r.sample.map(memberDto) };
  });

  app.get('/segments/:id', {
    config: { permission: 'customers.read' },
    schema: { tags: ['segments'], summary: 'One segment with a fresh member count', params: idParams, response: { 200: segment, ...errors } },
  }, async (req) => segmentDto(await g.get(principalOf(req), req.params.id)));

  app.patch('/segments/:id', {
    config: { permission: 'segments.manage' },
    schema: { tags: ['segments'], summary: 'Change a segment\'s name, description or definition', params: idParams, body: updateSegmentBody, response: { 200: segment, ...errors } },
  }, async (req) => segmentDto(await g.update(principalOf(req), req.params.id, req.body)));

  app.delete('/segments/:id', {
    config: { permission: 'segments.manage' },
    schema: { tags: ['segments'], summary: 'Delete a segment', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await g.remove(principalOf(req), req.params.id);
    return reply.code(204).send(null);
  });

  app.get('/segments/:id/customers', {
    config: { permission: 'customers.read' },
    schema: { tags: ['segments'], summary: 'The segment\'s customers now, in id order', params: idParams, querystring: segmentMembersQuery, response: { 200: page(segmentMember), ...errors } },
  }, async (req) => {
    const r = await g.members(principalOf(req), req.params.id, req.query);
    return { items: r.items.map(memberDto), nextCursor: r.nextCursor };
  });

  app.get('/segments/:id/export.csv', {
    config: { permission: 'segments.manage' },
    schema: {
      tags: ['segments'],
      summary: 'The segment\'s customers as CSV (UTF-8 with BOM; cells that could run as formulas start with \'), streamed; the export is audited',
      params: idParams,
      response: errors,
    },
  }, async (req, reply) => {
    const { segment: seg, lines } = await g.exportCsv(principalOf(req), req.params.id, metaOf(req));
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName(seg.name)}"`)
      .header('cache-control', 'no-store');
    // A stream is sent as is (no serializer); the type provider only knows the error bodies.
    return reply.send(Readable.from(lines) as never);
  });
};
