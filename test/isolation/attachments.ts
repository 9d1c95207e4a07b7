import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { IsolationArea, IsolationContext } from './area.ts';

const FILENAME = 'foreign-file-chi.pdf';
let attachmentB = '';

/** Tenant B's upload: never downloadable by A, never attachable to A's messages. */
export const attachmentsArea: IsolationArea = {
  name: 'attachments',
  routes: {
    'GET /api/v1/attachments/:id': 'conversations.read',
  },
  foreignStrings: [FILENAME],
  async seed(ctx: IsolationContext) {
    attachmentB = uuidv7();
    await ctx.repos.attachments.insert({
      id: attachmentB, tenantId: ctx.tenantB, conversationId: null, messageId: null, filename: FILENAME, contentType: 'application/pdf',
      sizeBytes: 3, sha256: createHash('sha256').update('abc').digest('hex'), storageKey: `${ctx.tenantB}/2026/01/${attachmentB}`, uploadedBy: ctx.userB, at: new Date(),
    });
  },
  params: () => [{ id: attachmentB }],
  async untouched(ctx: IsolationContext) {
    const res = await ctx.t.req('POST', `/api/v1/conversations/${ctx.conversationA}/messages`, { cookie: ctx.cookies.admin, body: { kind: 'reply', text: 'steal', attachmentIds: [attachmentB] } });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().error.details[0].path, 'attachmentIds.0');
    assert.ok(!res.body.includes(FILENAME));
    const row = await ctx.repos.attachments.byId(ctx.tenantB, attachmentB);
    assert.equal(row?.messageId, null, "B's upload stays unattached");
    assert.equal(await ctx.repos.attachments.byId(ctx.tenantA, attachmentB), undefined);
    assert.deepEqual(await ctx.repos.attachments.forMessages(ctx.tenantA, []), []);
  },
};
