import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import type { IsolationArea } from './area.ts';

/** Made at load: the walk collects foreign strings before seeding. */
const ids = { messageB: uuidv7(), conversationB: '' };

/** Conversation sentiment: A cannot read the scores of B's conversation (its message ids never show). */
export const sentimentArea: IsolationArea = {
  name: 'sentiment',
  routes: {
    'GET /api/v1/conversations/:id/sentiment': 'conversations.read',
  },
  foreignStrings: [ids.messageB],
  async seed(c) {
    const now = new Date();
    // A conversation of B's own: the shared one is compared by the core walk.
    ids.conversationB = uuidv7();
    await c.repos.conversations.insert({ id: ids.conversationB, tenantId: c.tenantB, inboxId: c.inboxB, customerId: c.customerB, at: now });
    const seq = await c.repos.conversations.nextSeq(c.tenantB, ids.conversationB, now);
    await c.repos.messages.insert({
      id: ids.messageB, tenantId: c.tenantB, conversationId: ids.conversationB, inboxId: c.inboxB, seq, direction: 'inbound', authorUserId: null,
      text: 'foreign sentiment omega, terrible', html: null, providerMessageId: null, deliveryStatus: 'received', at: now, sentiment: -0.6,
    });
  },
  params: (_route, c) => [{ id: ids.conversationB }, { id: c.conversationB }],
  async untouched(c) {
    const b = await c.repos.sentiment.inboundScores(c.tenantB, ids.conversationB);
    assert.ok(b.some((p) => p.messageId === ids.messageB && Math.abs(p.score + 0.6) < 1e-6), 'B\'s score is still there');
    assert.deepEqual(await c.repos.sentiment.inboundScores(c.tenantA, ids.conversationB), [], 'A\'s tenant reads none of B\'s scores');
  },
};
