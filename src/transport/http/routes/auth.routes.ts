import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  changePasswordBody,
  createTokenBody,
  createTokenResponse,
  apiToken,
  loginBody,
  meResponse,
  session,
  updateMeBody,
  type MeResponse,
} from '../../../contracts/auth.ts';
import { errorBody, idParams, listQuery, page } from '../../../contracts/common.ts';
import { acceptInvitationBody, invitationLookup } from '../../../contracts/users.ts';
import { AppError } from '../../../core/errors.ts';
import type { Principal } from '../../../core/auth/principal.ts';
import { metaOf, principalOf, SESSION_COOKIE } from '../context.ts';
import { sessionDto, tokenDto, userDto } from '../dto.ts';
import type { Services } from '../services.ts';

export interface AuthRouteOptions {
  services: Services;
  cookie: { secure: boolean; maxAgeSeconds: number };
}

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };

export const authRoutes: FastifyPluginAsyncZod<AuthRouteOptions> = async (app, opts) => {
  const { services: s } = opts;
  const cookieOpts = { httpOnly: true, sameSite: 'lax' as const, path: '/', secure: opts.cookie.secure, maxAge: opts.cookie.maxAgeSeconds };

  async function me(p: Principal): Promise<MeResponse> {
    const [user, tenant] = await Promise.all([s.users.get(p, p.userId), s.repos.tenants.byId(p.tenantId)]);
    return { user: userDto(user), tenant: { id: tenant!.id, slug: tenant!.slug, name: tenant!.name }, permissions: [...p.permissions] };
  }

  app.post('/auth/login', {
    config: { permission: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: { tags: ['auth'], summary: 'Sign in with email and password; sets the session cookie', body: loginBody, response: { 200: meResponse, ...errors } },
  }, async (req, reply) => {
    const r = await s.auth.login(req.body, metaOf(req));
    reply.setCookie(SESSION_COOKIE, r.token, cookieOpts);
    const p = await s.auth.authenticate(r.token);
    return me(p!);
  });

  app.post('/auth/logout', {
    config: { permission: 'authenticated' },
    schema: { tags: ['auth'], summary: 'Sign out: ends this session', response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    const p = principalOf(req);
    await s.auth.logout(p);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/auth/me', {
    config: { permission: 'authenticated' },
    schema: { tags: ['auth'], summary: 'Who am I: the user, the workspace and the permissions', response: { 200: meResponse, ...errors } },
  }, async (req) => me(principalOf(req)));

  app.patch('/me', {
    config: { permission: 'authenticated' },
    schema: { tags: ['profile'], summary: 'Change my name or language', body: updateMeBody, response: { 200: meResponse, ...errors } },
  }, async (req) => {
    const p = principalOf(req);
    await s.users.updateMe(p, req.body);
    return me(p);
  });

  app.post('/me/password', {
    config: { permission: 'authenticated' },
    schema: { tags: ['profile'], summary: 'Change my password; ends my other sessions', body: changePasswordBody, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await s.auth.changePassword(principalOf(req), req.body.currentPassword, req.body.newPassword, metaOf(req));
    return reply.code(204).send(null);
  });

  app.get('/me/sessions', {
    config: { permission: 'authenticated' },
    schema: { tags: ['profile'], summary: 'My signed-in sessions', querystring: listQuery, response: { 200: page(session), ...errors } },
  }, async (req) => {
    const p = principalOf(req);
    const r = await s.auth.listSessions(p, req.query);
    return { items: r.items.map((x) => sessionDto(x, p.sessionId)), nextCursor: r.nextCursor };
  });

  app.delete('/me/sessions/:id', {
    config: { permission: 'authenticated' },
    schema: { tags: ['profile'], summary: 'Revoke one of my sessions', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await s.auth.revokeSession(principalOf(req), req.params.id);
    return reply.code(204).send(null);
  });

  const tokenParam = z.object({ token: z.string().min(10).max(200) });
  app.get('/invitations/:token', {
    config: { permission: 'public' },
    schema: { tags: ['auth'], summary: 'Look up an invitation link', params: tokenParam, response: { 200: invitationLookup, ...errors } },
  }, async (req) => {
    const { user, tenant, invitation } = await s.users.lookupInvitation(req.params.token);
    return { email: user.email, name: user.name, workspace: tenant.slug, expiresAt: invitation.expiresAt.toISOString() };
  });

  app.post('/invitations/:token/accept', {
    config: { permission: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: { tags: ['auth'], summary: 'Accept an invitation: set a password and sign in', params: tokenParam, body: acceptInvitationBody, response: { 200: meResponse, ...errors } },
  }, async (req, reply) => {
    const user = await s.users.acceptInvitation(req.params.token, req.body);
    const started = await s.auth.startSession(user, metaOf(req), new Date());
    reply.setCookie(SESSION_COOKIE, started.token, cookieOpts);
    const p = await s.auth.authenticate(started.token);
    if (!p) throw new AppError('internal', 'The new session could not be read back');
    return me(p);
  });

  app.get('/tokens', {
    config: { permission: 'tokens.manage' },
    schema: { tags: ['tokens'], summary: 'API tokens of the workspace', querystring: listQuery, response: { 200: page(apiToken), ...errors } },
  }, async (req) => {
    const r = await s.auth.listTokens(principalOf(req), req.query);
    return { items: r.items.map(tokenDto), nextCursor: r.nextCursor };
  });

  app.post('/tokens', {
    config: { permission: 'tokens.manage' },
    schema: { tags: ['tokens'], summary: 'Create an API token; the secret is shown once', body: createTokenBody, response: { 201: createTokenResponse, ...errors } },
  }, async (req, reply) => {
    const r = await s.auth.createToken(principalOf(req), req.body, metaOf(req));
    return reply.code(201).send({ token: tokenDto(r.token), secret: r.secret });
  });

  app.delete('/tokens/:id', {
    config: { permission: 'tokens.manage' },
    schema: { tags: ['tokens'], summary: 'Revoke an API token', params: idParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await s.auth.revokeToken(principalOf(req), req.params.id, metaOf(req));
    return reply.code(204).send(null);
  });
};
