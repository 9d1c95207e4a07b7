import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ErrorBody, ErrorCode } from '../../contracts/common.ts';
import { AppError } from '../../core/errors.ts';

export const statusOf: Record<ErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

const DB_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);

/** Is this the database (or another backing service) being unreachable, rather than a bug? */
export function isUnavailable(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | undefined;
  if (!err) return false;
  if (err.code && DB_DOWN_CODES.has(err.code)) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connect ECONNREFUSED/i.test(err.message ?? '');
}

/** Maps any thrown value to a status and the one error body shape. */
export function toHttpError(e: unknown): { status: number; body: ErrorBody } {
  if (e instanceof AppError) {
    return { status: statusOf[e.code], body: { error: { code: e.code, message: e.message, ...(e.details !== undefined ? { details: e.details } : {}) } } };
  }
  if (hasZodFastifySchemaValidationErrors(e)) {
    const details = e.validation.map((v) => ({
      path: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || (v.params?.issue as { path?: unknown[] } | undefined)?.path?.join('.') || '(body)',
      message: v.message ?? 'is invalid',
    }));
    const where = (e as { validationContext?: string }).validationContext ?? 'request';
    return {
      status: 400,
      body: { error: { code: 'invalid', message: `The ${where} is invalid: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`, details } },
    };
  }
  const fe = e as FastifyError;
  if (fe?.statusCode === 429) return { status: 429, body: { error: { code: 'rate_limited', message: 'Too many requests; slow down and retry shortly' } } };
  if (fe?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe?.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe?.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') {
    return { status: fe.statusCode ?? 400, body: { error: { code: 'invalid', message: `${fe.message}; send a JSON body with Content-Type: application/json` } } };
  }
  if (fe?.statusCode === 400 && fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return { status: 400, body: { error: { code: 'invalid', message: 'The body is not valid JSON' } } };
  }
  if (fe?.statusCode === 400 && (e as SyntaxError) instanceof SyntaxError) {
    return { status: 400, body: { error: { code: 'invalid', message: 'The body is not valid JSON' } } };
  }
  if (isUnavailable(e)) {
    return { status: 503, body: { error: { code: 'unavailable', message: 'The database is unreachable right now; retry in a few seconds' } } };
  }
  if (isResponseSerializationError(e)) {
    return { status: 500, body: { error: { code: 'internal', message: 'The server built a response it should not have; this is a bug, please report it' } } };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on the server; it was logged. Retry, and report it if it persists' } } };
}
