import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import type { IsolationArea, IsolationContext } from './area.ts';

const whisperText = 'foreign whisper kappa';
const ids = { conversationB: '', whisperB: '', lastSeqB: 0 };

/** Wallboard and whispers: B's conversations cannot be whispered into or their whispers read; A's wallboard shows nothing of B. */
export const wallboardArea: IsolationArea = {
  name: 'wallboard',
  routes: {
    'POST /api/v1/conversations/:id/whispers': 'routing.supervise',
    'GET /api/v1/conversations/:id/whispers': 'conversations.read',
  },
  foreignStrings: [whisperText],
  async seed(c: IsolationContext) {
    const now = new Date();
    // A conversation of B's own (the shared one is compared by the core walk), assigned, with a whisper.
    ids.conversationB = uuidv7();
    await c.repos.conversations.insert({ id: ids.conversationB, tenantId: c.tenantB, inboxId: c.inboxB, customerId: c.customerB, at: now });
    await c.repos.conversations.update(c.tenantB, ids.conversationB, { assigneeId: c.userB }, now);
    ids.whisperB = uuidv7();
    const seq = await c.repos.conversations.nextSeq(c.tenantB, ids.conversationB, now);
    await c.repos.messages.insert({
      id: ids.whisperB, tenantId: c.tenantB, conversationId: ids.conversationB, inboxId: c.inboxB, seq, direction: 'note', authorUserId: c.userB,
      text: whisperText, html: null, providerMessageId: null, deliveryStatus: 'received', at: now,
    });
    await c.repos.wallboard.markWhisper(c.tenantB, ids.whisperB, c.userB);
    ids.lastSeqB = seq;
  },
  params: (_route, c) => [{ id: ids.conversationB }, { id: c.conversationB }],
  bodies: () => ({ 'POST /api/v1/conversations/:id/whispers': { text: 'taken over' } }),
  listUrls: () => ['/api/v1/wallboard'],
  async untouched(c) {
    const conv = (await c.repos.conversations.byId(c.tenantB, ids.conversationB))!;
    assert.equal(conv.lastSeq, ids.lastSeqB, 'no whisper was added to B\'s conversation');
    assert.deepEqual((await c.repos.wallboard.whispers(c.tenantB, ids.conversationB)).map((w) => w.text), [whisperText]);
    assert.deepEqual(await c.repos.wallboard.whispers(c.tenantA, ids.conversationB), []);
  },
};
