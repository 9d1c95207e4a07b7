import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import { reindexTenant } from '../../src/core/search/indexer.ts';
import { createUnitOfWork } from '../../src/storage/repos.ts';
import type { IsolationArea } from './area.ts';

const foreignText = 'zorblaxquux foreign search message 外星退款词';

/** Search has no :param route; its list URLs must never return another tenant's documents. */
export const searchArea: IsolationArea = {
  name: 'search',
  routes: {},
  foreignStrings: [foreignText, 'zorblaxquux', 'Zorblax Searchcustomer'],
  async seed(ctx) {
    // A conversation of its own in B, so the walk's checks on B's other rows stay exact.
    const now = new Date();
    const customer = uuidv7();
    const conversation = uuidv7();
    await ctx.repos.customers.insert({ id: customer, tenantId: ctx.tenantB, name: 'Zorblax Searchcustomer', at: now });
    await ctx.repos.conversations.insert({ id: conversation, tenantId: ctx.tenantB, inboxId: ctx.inboxB, customerId: customer, at: now });
    await ctx.repos.messages.insert({
      id: uuidv7(), tenantId: ctx.tenantB, conversationId: conversation, inboxId: ctx.inboxB, seq: 1, direction: 'inbound', authorUserId: null,
      text: foreignText, html: null, providerMessageId: null, deliveryStatus: 'received', at: now,
    });
    // B's rows are written straight to the tables: build both tenants' indexes from them.
    const d = { repos: ctx.repos, uow: createUnitOfWork(ctx.t.server.database.db, () => ctx.t.server.dispatcher.poke()), clock: { now: () => new Date() } };
    await reindexTenant(d, ctx.tenantB);
    await reindexTenant(d, ctx.tenantA);
    const inB = await ctx.repos.search.search(ctx.tenantB, "'zorblaxquux'", { kinds: ['message'] }, { all: true, userId: ctx.userB, teamIds: [] }, { limit: 5 });
    assert.equal(inB.length, 1, 'the foreign message is in its own tenant index');
  },
  params: () => [],
  listUrls: () => ['/api/v1/search?q=zorblaxquux', '/api/v1/search?q=zorblax&types=customer', '/api/v1/search?q=foreign', `/api/v1/search?q=${encodeURIComponent('外星退款词')}`, '/api/v1/search?q=foreign&types=customer,ticket,conversation'],
};
