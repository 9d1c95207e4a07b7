import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorBody, idParams, listQuery, page } from '../../../contracts/common.ts';
import {
  addIdentityBody,
  createCustomerBody,
  customer,
  identityParams,
  listCustomersQuery,
  updateCustomerBody,
  type Customer,
  customerMerge,
  duplicatesResponse,
  mergeCustomerBody,
  mergeParams,
  mergeResponse,
  undoMergeResponse,
  type CustomerMerge,
} from '../../../contracts/customers.ts';
import type { CustomerView } from '../../../core/customers/service.ts';
import type { MergeView } from '../../../core/customers/merge.ts';
import { metaOf, principalOf } from '../context.ts';
import type { Services } from '../services.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };

const bool = (v: unknown) => (typeof v === 'boolean' ? v : undefined);

/** A customer as the API shows it: known consent flags only, ISO dates. */
export const customerDto = (c: CustomerView): Customer => ({
  id: c.id,
  name: c.name,
  language: c.language,
  timeZone: c.timeZone,
  company: c.company,
  tags: c.tags,
  attributes: c.attributes as Customer['attributes'],
  consent: {
    ...(bool(c.consent.marketingEmail) !== undefined ? { marketingEmail: bool(c.consent.marketingEmail) } : {}),
    ...(bool(c.consent.sms) !== undefined ? { sms: bool(c.consent.sms) } : {}),
    ...(bool(c.consent.calls) !== undefined ? { calls: bool(c.consent.calls) } : {}),
  },
  identities: c.identities.map((i) => ({ id: i.id, kind: i.kind, value: i.value, verified: i.verified, createdAt: i.createdAt.toISOString() })),
  mergedInto: c.mergedInto,
  erasedAt: c.erasedAt ? c.erasedAt.toISOString() : null,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

export const mergeDto = (m: MergeView): CustomerMerge => ({
  id: m.id,
  survivorId: m.survivorId,
  sourceId: m.sourceId,
  moved: m.moved,
  filled: m.filled as CustomerMerge['filled'],
  mergedBy: m.mergedBy,
  mergedAt: m.mergedAt.toISOString(),
  undoneBy: m.undoneBy,
  undoneAt: m.undoneAt?.toISOString() ?? null,
});

export const customersRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services: s }) => {
  app.get('/customers', {
    config: { permission: 'customers.read' },
    schema: {
      tags: ['customers'],
      summary: 'Customers, newest first; q searches name, company and identity values (emails, phone numbers, ids); tag filters by one tag',
      querystring: listCustomersQuery,
      response: { 200: page(customer), ...errors },
    },
  }, async (req) => {
    const r = await s.customers.list(principalOf(req), req.query);
    return { items: r.items.map(customerDto), nextCursor: r.nextCursor };
  });

  app.post('/customers', {
    config: { permission: 'customers.manage' },
    schema: {
      tags: ['customers'],
      summary: 'Create a customer with identities; phone numbers in international form. 409 when an identity belongs to another customer',
      body: createCustomerBody,
      response: { 201: customer, ...errors },
    },
  }, async (req, reply) => reply.code(201).send(customerDto(await s.customers.create(principalOf(req), req.body))));

  app.get('/customers/:id', {
    config: { permission: 'customers.read' },
    schema: { tags: ['customers'], summary: 'One customer with every identity', params: idParams, response: { 200: customer, ...errors } },
  }, async (req) => customerDto(await s.customers.get(principalOf(req), req.params.id)));

  app.patch('/customers/:id', {
    config: { permission: 'customers.manage' },
    schema: {
      tags: ['customers'],
      summary: 'Change a customer; null clears language, time zone or company; tags and attributes replace, consent merges',
      params: idParams,
      body: updateCustomerBody,
      response: { 200: customer, ...errors },
    },
  }, async (req) => customerDto(await s.customers.update(principalOf(req), req.params.id, req.body)));

  app.post('/customers/:id/identities', {
    config: { permission: 'customers.manage' },
    schema: {
      tags: ['customers'],
      summary: 'Add an identity: 201 when added, 200 when the customer already has it, 409 when another customer does',
      params: idParams,
      body: addIdentityBody,
      response: { 200: customer, 201: customer, ...errors },
    },
  }, async (req, reply) => {
    const r = await s.customers.addIdentity(principalOf(req), req.params.id, req.body);
    return reply.code(r.added ? 201 : 200).send(customerDto(r.customer));
  });

  app.delete('/customers/:id/identities/:identityId', {
    config: { permission: 'customers.manage' },
    schema: { tags: ['customers'], summary: 'Remove an identity from a customer; returns the customer', params: identityParams, response: { 200: customer, ...errors } },
  }, async (req) => customerDto(await s.customers.removeIdentity(principalOf(req), req.params.id, req.params.identityId)));

  app.post('/customers/:id/merge', {
    config: { permission: 'customers.manage' },
    schema: {
      tags: ['customers'],
      summary: 'Merge customer sourceId into this one: its identities and conversations move here, empty fields are filled; undo with POST /customers/merges/:mergeId/undo',
      params: idParams,
      body: mergeCustomerBody,
      response: { 200: mergeResponse, ...errors },
    },
  }, async (req) => {
    const r = await s.customers.merge(principalOf(req), req.params.id, req.body.sourceId, metaOf(req));
    return { merge: mergeDto(r.merge), survivor: customerDto(r.survivor) };
  });

  app.get('/customers/:id/merges', {
    config: { permission: 'customers.read' },
    schema: { tags: ['customers'], summary: 'Merges into this customer, newest first (undone ones included)', params: idParams, querystring: listQuery.omit({ q: true }), response: { 200: page(customerMerge), ...errors } },
  }, async (req) => {
    const r = await s.customers.merges(principalOf(req), req.params.id, req.query);
    return { items: r.items.map(mergeDto), nextCursor: r.nextCursor };
  });

  app.post('/customers/merges/:mergeId/undo', {
    config: { permission: 'customers.manage' },
    schema: {
      tags: ['customers'],
      summary: 'Undo a merge: the rows it moved go back (newer rows stay with the survivor), the source is listed again. 409 when already undone',
      params: mergeParams,
      response: { 200: undoMergeResponse, ...errors },
    },
  }, async (req) => {
    const r = await s.customers.undoMerge(principalOf(req), req.params.mergeId, metaOf(req));
    return { merge: mergeDto(r.merge), survivor: customerDto(r.survivor), source: customerDto(r.source), restored: r.restored, kept: r.kept };
  });

  app.get('/customers/:id/duplicates', {
    config: { permission: 'customers.read' },
    schema: { tags: ['customers'], summary: 'Likely duplicates of this customer, best first, each with a score (0..1) and reasons', params: idParams, response: { 200: duplicatesResponse, ...errors } },
  }, async (req) => {
    const items = await s.customers.duplicates(principalOf(req), req.params.id);
    return { items: items.map((x) => ({ customer: customerDto(x.customer), score: x.score, reasons: x.reasons })) };
  });
};
