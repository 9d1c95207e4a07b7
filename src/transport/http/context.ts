import type {} from '@fastify/cookie';
import type {} from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '../../contracts/auth.ts';
import type { Principal } from '../../core/auth/principal.ts';
import { requirePermission } from '../../core/auth/principal.ts';
import { AppError } from '../../core/errors.ts';
import type { RequestMeta } from '../../core/deps.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** The permission the route needs; `public` routes need none (and must say so). */
    permission?: Permission | 'authenticated' | 'public';
    /** The body is a stream the handler reads (a file upload): Idempotency-Key cannot apply. */
    streamedBody?: boolean;
  }
}

export const SESSION_COOKIE = 'sb_session';

export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('unauthenticated', 'Sign in first, or send an API token as Authorization: Bearer <token>');
  return req.principal;
}

export function metaOf(req: FastifyRequest): RequestMeta {
  return { ip: req.ip ?? null, userAgent: (req.headers['user-agent'] as string | undefined) ?? null };
}

/** preValidation: every route's declared permission is checked here. */
export async function checkPermission(req: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const need = req.routeOptions.config?.permission;
  if (need === 'public') return;
  const p = principalOf(req);
  if (need === undefined) throw new AppError('forbidden', 'This route declares no permission; refusing by default');
  if (p.via === 'token' && p.scope === 'read' && req.method !== 'GET' && req.method !== 'HEAD') {
    throw new AppError('forbidden', 'This API token has the read scope and may only read; create a write or admin token to change data');
  }
  if (need === 'authenticated') return;
  requirePermission(p, need);
}
