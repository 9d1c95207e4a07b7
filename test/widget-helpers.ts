import assert from 'node:assert/strict';
import type { TestServer } from './helpers/server.ts';
import { signIdentity } from '../src/channels/chat/token.ts';

export const W = '/api/widget/v1';

/** The demo workspace's chat inbox (seeded with widget settings) and its identity secret. */
export async function demoChatInbox(t: TestServer, admin: string): Promise<{ id: string; secret: string }> {
  const list = (await t.req('GET', '/api/v1/inboxes?limit=200', { cookie: admin })).json().items as { id: string; channel: string; settings: Record<string, unknown> }[];
  const i = list.find((x) => x.channel === 'chat' && x.settings.demo === true);
  assert.ok(i, 'the demo chat inbox exists');
  return { id: i.id, secret: String(i.settings.identitySecret) };
}

export async function session(t: TestServer, inboxId: string, body: Record<string, unknown> = {}, ip?: string) {
  const res = await t.server.app.inject({ method: 'POST', url: `${W}/inboxes/${inboxId}/sessions`, payload: body, ...(ip && { remoteAddress: ip }) });
  return res;
}

export async function sessionOk(t: TestServer, inboxId: string, body: Record<string, unknown> = {}) {
  const res = await session(t, inboxId, body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { token: string; visitorId: string; verified: boolean; conversationId: string | null };
}

export function identity(secret: string, id: string, email?: string, expiresInS = 3600) {
  const expiresAt = Math.floor(Date.now() / 1000) + expiresInS;
  return { id, ...(email && { email }), expiresAt, signature: signIdentity({ id, email, expiresAt }, secret) };
}

export const sendMsg = (t: TestServer, token: string, body: Record<string, unknown>) => t.req('POST', `${W}/messages`, { token, body });
