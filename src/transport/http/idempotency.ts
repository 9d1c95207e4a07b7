import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.ts';
import type { Repos } from '../../storage/repos.ts';
import type { Clock } from '../../core/context.ts';

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { tenantId: string; principalId: string; key: string };
  }
}

const KEY = /^[A-Za-z0-9_.:-]{8,200}$/;

/**
 * `Idempotency-Key` on POST: the first request with a key runs and its 2xx response is kept for a
 * day; a repeat with the same body gets the same response (header Idempotent-Replayed: true) and
 * changes nothing; the same key with another body is a 409. A failed request frees the key.
 */
export function registerIdempotency(app: FastifyInstance, repos: Repos, clock: Clock): void {
  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.method !== 'POST') return;
    const key = req.headers['idempotency-key'];
    if (key === undefined || !req.principal) return;
    if (typeof key !== 'string' || !KEY.test(key)) {
      throw new AppError('invalid', 'Idempotency-Key must be 8 to 200 letters, digits or _ . : -', [{ path: 'Idempotency-Key', message: 'bad format' }]);
    }
    if (req.routeOptions.config.streamedBody) {
      // A streamed body (a file upload) cannot be compared with an earlier one before it is read.
      throw new AppError('invalid', 'Idempotency-Key is not supported on file uploads: a repeated upload only adds an unattached file, removed after a day', [{ path: 'Idempotency-Key', message: 'not supported here' }]);
    }
    const ident = { tenantId: req.principal.tenantId, principalId: req.principal.tokenId ?? req.principal.userId, key };
    const path = req.routeOptions.url ?? req.url;
    const requestHash = createHash('sha256').update(`${req.method} ${req.url}\n${JSON.stringify(req.body ?? null)}`).digest('hex');
    const prior = await repos.idempotency.claim({ ...ident, method: req.method, path, requestHash }, clock.now());
    if (!prior) {
      req.idempotency = ident;
      return;
    }
    if (prior.requestHash !== requestHash) {
      throw new AppError('conflict', 'This Idempotency-Key was already used for a different request; use a new key for a new request');
    }
    if (prior.statusCode === null) {
      throw new AppError('conflict', 'A request with this Idempotency-Key is still running; retry in a moment');
    }
    reply.header('idempotent-replayed', 'true').header('content-type', 'application/json; charset=utf-8');
    reply.serializer((x: unknown) => x as string);
    return reply.code(prior.statusCode).send(prior.responseBody ?? '');
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const ident = req.idempotency;
    if (!ident) return payload;
    req.idempotency = undefined;
    if (reply.statusCode >= 200 && reply.statusCode < 300) {
      await repos.idempotency.complete(ident, reply.statusCode, typeof payload === 'string' ? payload : '');
    } else {
      await repos.idempotency.release(ident);
    }
    return payload;
  });
}
