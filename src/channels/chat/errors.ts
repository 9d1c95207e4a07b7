import { AppError } from '../../core/errors.ts';

/** A widget upload of a type the inbox does not allow: transport answers 415. */
export class UnsupportedTypeError extends AppError {
  constructor(contentType: string, allowed: string[]) {
    super('invalid', `Files of type ${contentType} can't be sent here; allowed: ${allowed.join(', ')}`, [{ path: 'content-type', message: `not one of ${allowed.join(', ')}` }]);
  }
}

export const unavailable = () => new AppError('unavailable', 'Chat is unavailable for this inbox; check the data-inbox id, or the inbox is switched off');
export const badToken = (reason: string) => new AppError('unauthenticated', `The widget token is not valid (${reason}); start a new session`);
export const rateLimited = (retryAfterMs: number) =>
  new AppError('rate_limited', `Too many messages; wait ${Math.ceil(retryAfterMs / 1000)} s and try again`, { retryAfterMs, retryAfterSeconds: Math.ceil(retryAfterMs / 1000) });
