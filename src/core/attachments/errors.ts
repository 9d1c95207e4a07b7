import { AppError } from '../errors.ts';

/** A file over ATTACHMENT_MAX_BYTES. Transport answers 413 for an upload, 400 inside a JSON body. */
export class TooLargeError extends AppError {
  readonly limitBytes: number;
  constructor(limitBytes: number, path = 'body') {
    super('invalid', `The file is larger than the limit of ${formatBytes(limitBytes)} (${limitBytes} bytes); send a smaller file`, [{ path, message: `larger than ${limitBytes} bytes` }]);
    this.limitBytes = limitBytes;
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MB`;
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
