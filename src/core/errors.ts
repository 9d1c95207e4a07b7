import type { ErrorCode } from '../contracts/common.ts';

export type { ErrorCode };

/** The one error type. transport maps `code` to HTTP status and WS error frames. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found; check the id and that it belongs to your workspace`);
export const forbidden = (what = 'do this') => new AppError('forbidden', `Your role may not ${what}; ask an admin for access`);
export const invalid = (message: string, details?: unknown) => new AppError('invalid', message, details);
export const conflict = (message: string) => new AppError('conflict', message);

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
