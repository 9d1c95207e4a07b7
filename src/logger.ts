import pino, { type Logger } from 'pino';

/** Structured JSON logs. Credentials are redacted wherever they could appear. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'switchboard' },
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'headers.cookie',
          'headers.authorization',
          'password',
          '*.password',
          'newPassword',
          '*.newPassword',
          'currentPassword',
          '*.currentPassword',
          'secret',
          '*.secret',
          'token',
          '*.token',
          'passwordHash',
          '*.passwordHash',
          'databaseUrl',
          'secretAccessKey',
          '*.secretAccessKey',
          'S3_SECRET_ACCESS_KEY',
          '*.S3_SECRET_ACCESS_KEY',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
